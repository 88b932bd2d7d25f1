/**
 * The extraction evaluation holds its floors: every field of every gold set in test/eval scores at
 * least what test/eval/floors.json records (npm run eval raises those floors; nothing lowers them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOORS_PATH, measure, type Floors } from './eval/measure.ts';
import { loadGoldSet, scoreArticle } from './eval/score.ts';

const floors = (JSON.parse(readFileSync(FLOORS_PATH, 'utf8')) as Floors).floors;
const measured = measure().floors;

describe('extraction evaluation floors', () => {
  it('has floors for the seeds, the dev set and the party reports', () => {
    for (const key of ['seeds.fieldAccuracy', 'dev.fieldAccuracy', 'dev.title', 'dev.publishedAt', 'dev.documentsF1', 'dev.peopleF1', 'party.kind']) {
      expect(floors[key], key).toBeTypeOf('number');
    }
  });

  it.each(Object.keys(floors))('%s holds its floor', (key) => {
    expect(measured[key], `${key} was not measured`).toBeTypeOf('number');
    expect(measured[key]!, key).toBeGreaterThanOrEqual(floors[key]!);
  });

  it('keeps the seeds at 100 %', () => {
    for (const [key, value] of Object.entries(measured)) if (key.startsWith('seeds.')) expect(value, key).toBe(1);
  });
});

describe('the scorer', () => {
  it('counts a wrong title, a missing person and an extra document against the article', () => {
    const set = loadGoldSet('seeds')!;
    const [, gold] = Object.entries(set.gold)[0]!;
    const { scores, misses } = scoreArticle(null, gold);
    expect(scores.scalar.title.right).toBe(0);
    expect(misses.some((m) => m.startsWith('title:'))).toBe(true);
    const goldPeople = gold.people.length;
    expect(scores.sets.people.gold).toBe(goldPeople);
    expect(scores.sets.people.hit).toBe(0);
  });
});
