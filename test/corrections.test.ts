/**
 * Corrections (lambda/core/corrections.ts): pure application to parsed records, and their effect on
 * aggregation (labelled meetings merge and split, corrected articles keep their original values).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateMonth, buildDigests } from '../lambda/core/aggregate.ts';
import { applyCorrection, applyCorrections, correctedArticle, CorrectionsFileError, parseCorrectionsFile } from '../lambda/core/corrections.ts';
import type { Article } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { buildView } from '../lambda/core/render/view.ts';
import { SEEDS_DIR } from './helpers/data.ts';

function seed(name: string): Article {
  const r = parseArticle({ bytes: readFileSync(path.join(SEEDS_DIR, name)), key: name, uploadedAt: '2024-10-01T03:00:00.000Z' });
  if (!r.ok) throw new Error(`seed ${name} rejected`);
  return r.article;
}
const S002 = '002_467a0e42bdf0f961.txt';
const S003 = '003_7b32a01fed08cab9.txt';
const S001 = '001_74d7446270d97ccb.txt';

describe('applyCorrection', () => {
  const a = seed(S002);

  it('overrides a nested field, keeps the rest, records the original, and never touches the input', () => {
    const before = JSON.stringify(a);
    const r = applyCorrection(a, { primaryEvent: { date: '2023-02-17', chair: { name: 'Nguyễn Văn A' } } });
    expect(r.problems).toEqual([]);
    expect(r.article.primaryEvent?.date).toBe('2023-02-17');
    // A date a person set is no longer "inferred".
    expect(r.article.primaryEvent?.dateInferred).toBe(false);
    expect(r.article.primaryEvent?.chair).toEqual({ name: 'Nguyễn Văn A', position: 'Phó Bí thư Chi bộ' });
    expect(r.article.primaryEvent?.organizer).toBe(a.primaryEvent?.organizer);
    expect(r.changes).toContainEqual({ source: S002, field: 'primaryEvent.date', original: '2023-02-16', corrected: '2023-02-17' });
    expect(r.applied).toContain('primaryEvent.date: "2023-02-16" -> "2023-02-17"');
    expect(JSON.stringify(a)).toBe(before);
  });

  it("corrects one document's code by position, removes one with null, replaces a whole list", () => {
    const one = applyCorrection(a, { documents: { '1': { code: '04-ĐA/TU' } } });
    expect(one.problems).toEqual([]);
    expect(one.article.documents[1]!.code).toBe('04-ĐA/TU');
    expect(one.article.documents[0]).toEqual(a.documents[0]);
    const removed = applyCorrection(a, { documents: { '2': null } });
    expect(removed.article.documents.map((d) => d.code)).toEqual(['05-NQ/TU', '04-ĐA/TU']);
    const replaced = applyCorrection(a, { people: [{ name: 'Lê Thị B', position: null }] });
    expect(replaced.article.people).toEqual([{ name: 'Lê Thị B', position: null }]);
  });

  it('creates a meeting the parser missed from blanks, and a chair, kind and organiser with it', () => {
    const none = { ...a, primaryEvent: null };
    const r = applyCorrection(none, { primaryEvent: { type: 'hop', date: '2023-03-01', organizer: 'Đảng ủy Sở' } });
    expect(r.problems).toEqual([]);
    expect(r.article.primaryEvent).toMatchObject({ type: 'hop', date: '2023-03-01', organizer: 'Đảng ủy Sở', chair: null, planned: false });
    const missingKind = applyCorrection(none, { primaryEvent: { date: '2023-03-01' } });
    expect(missingKind.problems).toEqual(['primaryEvent.type is required']);
  });

  it('excludes an article', () => {
    const r = applyCorrection(a, { exclude: true, note: 'trùng tin' });
    expect(r).toMatchObject({ excluded: true, problems: [], applied: ['excluded from every digest'] });
  });

  it.each([
    [{ primaryEvent: { dat: '2023-02-17' } }, /^unknown field primaryEvent\.dat \(primaryEvent has type, date/],
    [{ titel: 'x' }, /^unknown field titel \(a correction has exclude, meeting, note/],
    [{ primaryEvent: { date: '17/02/2023' } }, /^primaryEvent\.date must be a date like "2023-02-17"/],
    [{ primaryEvent: { date: '2023-02-30' } }, /^primaryEvent\.date: "2023-02-30" is not a day of the calendar$/],
    [{ primaryEvent: { type: 'tiec' } }, /^primaryEvent\.type: Invalid option/],
    [{ id: 'x' }, /^id cannot be corrected/],
    [{ source: { key: 'other.txt' } }, /^source\.key cannot be corrected/],
    [{ documents: { '7': { code: 'x' } } }, /^documents\.7: the article has 3 documents/],
    [{ exclude: 'yes' }, /^exclude must be true or false$/],
    [{ primaryEvent: 'hôm qua' }, /^primaryEvent must be an object/],
    [[{ exclude: true }], /^a correction must be a JSON object, not a list$/],
    ['exclude', /^a correction must be a JSON object, not string$/],
  ])('refuses %j with a one-line reason and changes nothing', (correction, reason) => {
    const r = applyCorrection(a, correction);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0]).toMatch(reason);
    for (const p of r.problems) expect(p).not.toContain('\n');
    expect(r.article).toBe(a);
    expect(r).toMatchObject({ excluded: false, applied: [], changes: [] });
  });

  it('applies nothing of a correction with one bad field among good ones', () => {
    const r = applyCorrection(a, { exclude: true, primaryEvent: { date: '2023-02-17', organiser: 'x' } });
    expect(r.problems).toEqual([expect.stringMatching(/^unknown field primaryEvent\.organiser/)]);
    expect(r.excluded).toBe(false);
    expect(r.article).toBe(a);
  });
});

describe('corrections file', () => {
  it('reads one object keyed by source key, and refuses anything else in one line', () => {
    expect([...parseCorrectionsFile('{"a.txt": {"exclude": true}}', 'f.json').keys()]).toEqual(['a.txt']);
    expect(() => parseCorrectionsFile('{"a.txt": ', 'f.json')).toThrow(CorrectionsFileError);
    expect(() => parseCorrectionsFile('{"a.txt": ', 'f.json')).toThrow(/^corrections file f\.json is not valid JSON: /);
    expect(() => parseCorrectionsFile('[1]', 'f.json')).toThrow(/must hold one JSON object keyed by article file name/);
  });

  it('reports every correction: applied, excluded, invalid, or naming no article', () => {
    const { articles, reports } = applyCorrections(
      [seed(S001), seed(S002), seed(S003)],
      parseCorrectionsFile(
        JSON.stringify({ [S002]: { primaryEvent: { date: '2023-02-17' } }, [S003]: { exclude: true }, [S001]: { title: 1 }, 'khong-co.txt': { exclude: true } }),
        'f.json',
      ),
      'f.json',
    );
    expect(articles.map((x) => x.source.key)).toEqual([S001, S002]);
    expect(reports.map((r) => [r.key, r.status])).toEqual([
      [S001, 'invalid'],
      [S002, 'applied'],
      [S003, 'excluded'],
      ['khong-co.txt', 'no-article'],
    ]);
    expect(reports[3]!.problems[0]).toBe('no article has the key khong-co.txt (not uploaded, rejected, or another name)');
  });
});

describe('corrections in aggregation', () => {
  it('a corrected meeting moves to its corrected date, keeps the original in the digest, and is marked in the view', () => {
    const r = applyCorrection(seed(S002), { primaryEvent: { date: '2023-03-20' } });
    const digests = buildDigests([correctedArticle(r)], { kinds: ['month'] });
    expect(digests.map((d) => d.periodId)).toEqual(['2023-03']);
    const [digest] = digests;
    expect(digest!.meetings[0]!.date).toBe('2023-03-20');
    expect(digest!.articles[0]!.corrections).toContainEqual({ source: S002, field: 'primaryEvent.date', original: '2023-02-16', corrected: '2023-03-20' });
    expect(buildView(digest!, 'vi').meetings[0]!.dateNote).toBe('đã hiệu chỉnh');
    expect(buildView(digest!, 'en').meetings[0]!.dateNote).toBe('corrected');
  });

  it('leaves a digest without corrections exactly as before (no corrections field)', () => {
    const [digest] = buildDigests([seed(S002)], { kinds: ['month'] });
    expect('corrections' in digest!.articles[0]!).toBe(false);
  });

  it('merges two meetings given one label, and splits a meeting by a label of its own', () => {
    // Two copies of one report under other ids: the automatic match joins them (same date, kind, organiser).
    const base = seed(S002);
    const x = { ...base, id: 'a'.repeat(64), source: { ...base.source, key: 'x.txt' } };
    const y = { ...base, id: 'b'.repeat(64), source: { ...base.source, key: 'y.txt' } };
    expect(aggregateMonth('2023-02', [x, y]).meetings).toHaveLength(1);
    // Split: one gets a label of its own.
    const split = aggregateMonth('2023-02', [correctedArticle(applyCorrection(x, { meeting: 'riêng' })), y]);
    expect(split.meetings).toHaveLength(2);
    // Merge: two different meetings given one label are one, even with other dates and kinds.
    const other = seed(S001);
    const merged = buildDigests(
      [correctedArticle(applyCorrection(x, { meeting: 'một' })), correctedArticle(applyCorrection(other, { meeting: 'một' }))],
      { kinds: ['half'] },
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]!.meetings).toHaveLength(1);
    expect(merged[0]!.meetings[0]!.articleIds.sort()).toEqual([other.id, x.id].sort());
    expect(merged[0]!.articles.every((r) => r.meetingKey === merged[0]!.meetings[0]!.key)).toBe(true);
  });
});
