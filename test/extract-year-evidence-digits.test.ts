/**
 * Year evidence (years.ts) skips a sentence without a digit: every kind of evidence has one. A
 * sentence with digits must still be read in full.
 */
import { describe, expect, it } from 'vitest';
import { buildYearContext } from '../lambda/core/extract/years.ts';

describe('year evidence of sentences without a digit', () => {
  it('is empty without a digit and read in full with one', () => {
    const ctx = buildYearContext(['', 'Hội nghị quán triệt nghị quyết của Đảng bộ tỉnh.', 'Sáng 16/4, Sở tổ chức hội nghị tổng kết công tác năm 2024 theo Nghị quyết số 12.'], null);
    const [title, noDigit, withDigits] = ctx.evidence.sentences;
    for (const facts of [title!, noDigit!]) {
      expect(facts.dayMonths.size).toBe(0);
      expect([facts.votes, facts.monthYears, facts.anniversaries, facts.vetoes, facts.terms, facts.fullDates, facts.disseminated].every((a) => a.length === 0)).toBe(true);
    }
    expect(withDigits!.dayMonths.has('16/4')).toBe(true);
    expect(withDigits!.votes.length).toBeGreaterThan(0);
  });
});
