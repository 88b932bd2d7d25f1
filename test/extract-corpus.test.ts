/**
 * Accuracy on corpus party articles hand-checked before the extractor was tuned on them
 * (test/eval/party/expectations.json: sample 1, 16 articles; samples 2 to 5, 25, 24,
 * 17 and 16 articles with chair, format and attendance too: all 98), and the share of a fixed sample
 * of 200 general-news articles (lottery, sport, crime, business…) wrongly given a meeting.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, generalSample, loadExpectations, parseCorpusFile, scoreExpectations } from './fixtures/extract/corpus-eval.ts';

const rate = (s: { right: number; total: number }) => s.right / s.total;

describe('fact extraction on hand-checked corpus articles', () => {
  const all = loadExpectations();
  const sample = (n: number) => scoreExpectations(all.filter((e) => (e.sample ?? 1) === n));
  const first = sample(1);
  const second = sample(2);
  const third = sample(3);
  const fourth = sample(4);
  const fifth = sample(5);

  it('scores every expectation', () => {
    expect(first.kind.total).toBe(16);
    expect(first.chair.total).toBe(13);
    expect(second.kind.total).toBe(25);
    expect(second.chair.total).toBe(17);
    expect(third.kind.total).toBe(24);
    expect(third.chair.total).toBe(19);
    expect(fourth.kind.total).toBe(17);
    expect(fourth.chair.total).toBe(14);
    expect(fifth.kind.total).toBe(16);
    expect(fifth.chair.total).toBe(15);
  });

  const fieldsRight = (scores: typeof second, floor: number) => {
    // The year has its own test below.
    const wrong = scores.details.filter((d) => Object.entries(d.ok).some(([field, ok]) => field !== 'year' && !ok)).map((d) => JSON.stringify(d));
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(2);
    for (const field of ['kind', 'date', 'organizer', 'documents', 'chair', 'format', 'attendance'] as const) {
      expect(rate(scores[field]), field).toBeGreaterThanOrEqual(floor);
    }
  };

  // Sample 1 (16 articles). When written: kind 13/16, date 12/13, organiser 11/13, documents 16/16.
  // After the 2026-11-30 changes: kind 16/16, date 13/13, organiser 12/13 (the miss: Ban Chấp hành
  // Trung ương given for Hội nghị Trung ương 5, where this sample expects no organiser), documents 16/16.
  // Chair, format and attendance, checked later: chair 12/13 (a caption broken by a stray full stop),
  // format 13/13 (12/13 when first scored: `chất vấn trực tiếp tại hội trường` read as in person), attendance 13/13.
  it('sample 1: every field', () => fieldsRight(first, 0.9));

  // Sample 2 (25 articles, hand-checked before tuning). Before: kind 21/25, date 16/17, organiser 12/17,
  // documents 23/25, chair 14/17, format 16/17, attendance 17/17. After tuning on it: all right.
  it('sample 2: every field', () => fieldsRight(second, 0.9));

  // Sample 3 (24 articles, hand-checked after the sample-2 tuning, before running the extractor on them).
  // Original extractor: kind 21/24, date 18/19, organiser 8/19, documents 23/24, chair 18/19, format 19/19,
  // attendance 19/19. Unseen, after the sample-2 tuning: kind 22/24, date 18/19, organiser 14/19, documents
  // 23/24, chair 19/19, format and attendance 19/19. After tuning on it: all right but one date (a kỳ họp
  // held ngày 23/4 reported on 26/4 is dated 26/4).
  it('sample 3: every field', () => fieldsRight(third, 0.9));

  // Sample 4 (17 articles, hand-checked after the sample-3 tuning, before running the extractor on them).
  // Original extractor: kind 16/17, date 13/14, organiser 10/14, documents 16/17, chair, format and
  // attendance 14/14. Unseen, after the sample-3 tuning: kind 16/17, date 13/14, organiser 12/14, documents
  // 16/17, chair, format and attendance 14/14. After tuning on it: all right.
  it('sample 4: every field', () => fieldsRight(fourth, 0.9));

  // Sample 5 (the last 16, hand-checked after the sample-4 tuning, before running the extractor on them).
  // Original extractor: kind 16/16, date 15/15, organiser 10/15, documents 15/16, chair 13/15, format 14/15,
  // attendance 13/15. Unseen, after the sample-4 tuning: kind 16/16, date 15/15, organiser 12/15, documents
  // 15/16, chair 13/15, format 15/15, attendance 13/15. After tuning on it: all right.
  it('sample 5: every field', () => fieldsRight(fifth, 0.9));

  // All 98 party articles. Original extractor: kind 87/98, date 74/78, organiser 51/78, documents 93/98,
  // chair 71/78, format 76/78, attendance 76/78. Now: kind 98/98, date 77/78, organiser 77/78, documents
  // 98/98, chair 77/78, format 78/78, attendance 78/78.
  it('all 98 party articles: at least 95% on every field', () => {
    const scores = scoreExpectations(all);
    expect(scores.kind.total).toBe(98);
    for (const field of ['kind', 'date', 'organizer', 'documents', 'chair', 'format', 'attendance'] as const) {
      expect(rate(scores[field]), field).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('the year of party meeting dates (year gold added 2026-11-30, before the year work)', () => {
  // Before: 46/75 (years from the upload-free fallbacks: a cited document's date, a biography's month).
  // After extract/years.ts: 71/75; the misses leave --MM-DD (a narrative `trong tháng 3/2017`, `Trong năm
  // 2017, … sẽ`, a same-day meeting `chiều cùng ngày … năm 2017`) or follow a wrong day.
  const scores = scoreExpectations(loadExpectations());

  it('gets the year right where the text pins it and leaves --MM-DD where it does not', () => {
    expect(scores.year.total).toBe(75);
    expect(rate(scores.year)).toBeGreaterThanOrEqual(0.93);
  });

  it('never prints a year the gold does not have', () => {
    const all = loadExpectations();
    const wrongYear = scores.details.filter((d, i) => d.year !== null && all[i]!.year !== undefined && d.year !== all[i]!.year);
    expect(wrongYear.map((d) => `${d.path}: ${d.year}`)).toEqual([]);
  });
});

const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) console.warn(`non-meeting news checks skipped: the corpus is absent at ${CORPUS} (put ../shared/corpus beside the checkout or set BANTIN_CORPUS)`);

describe.skipIf(!corpusPresent)('non-meeting news', () => {
  it('gives at most 8% of 200 general articles a primary meeting', () => {
    const sample = generalSample(200);
    expect(sample.length).toBe(200);
    const withMeeting = sample.filter((path) => parseCorpusFile(path)?.primaryEvent);
    // Measured: 12/200, 13/200 since `làm việc với` after a State body counts (the extra one is a real
    // provincial working session); about half of those are real meetings (Quốc hội sitting, ministry meetings)
    // filed under general news, the rest foreign summits, ceremonies and a school accident.
    expect(withMeeting.length / sample.length).toBeLessThanOrEqual(0.08);
  });

  it('gives lottery results and crime reports (by headline) almost never a meeting', () => {
    const picked = generalAll().filter((path) => LOTTERY_OR_CRIME.test(firstLine(path)));
    expect(picked.length).toBeGreaterThan(50);
    const withMeeting = picked.filter((path) => parseCorpusFile(path)?.primaryEvent);
    expect(withMeeting.length / picked.length).toBeLessThanOrEqual(0.03);
  });
});

const LOTTERY_OR_CRIME = /xổ số|XSMB|XSMN|Vietlott|khởi tố|bắt giữ|bị bắt|tạm giữ|truy nã/iu;
function generalAll(): string[] {
  const dir = join(CORPUS, 'baomoi-2017-magizbox', 'general');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => `baomoi-2017-magizbox/general/${f}`);
}
function firstLine(path: string): string {
  return readFileSync(join(CORPUS, path), 'utf8').split('\n', 1)[0] ?? '';
}
