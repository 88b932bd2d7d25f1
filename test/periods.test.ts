import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  comparePeriodIds,
  monthsOf,
  periodEnd,
  periodKindOf,
  periodLabel,
  periodStart,
  periodsOfDate,
} from '../lambda/core/periods.ts';

describe('periodsOfDate', () => {
  it('gives month, quarter, half and year', () => {
    expect(periodsOfDate('2023-06-07')).toEqual({ month: '2023-06', quarter: '2023-Q2', half: '2023-H1', year: '2023' });
    expect(periodsOfDate('2023-07-01')).toEqual({ month: '2023-07', quarter: '2023-Q3', half: '2023-H2', year: '2023' });
    expect(periodsOfDate('2024-12-31T23:59')).toEqual({ month: '2024-12', quarter: '2024-Q4', half: '2024-H2', year: '2024' });
    expect(periodsOfDate('2023-03-31').quarter).toBe('2023-Q1');
    expect(periodsOfDate('2023-04-01').quarter).toBe('2023-Q2');
  });
  it('rejects what is not a date', () => {
    expect(() => periodsOfDate('--02-16')).toThrow();
    expect(() => periodsOfDate('2023-13-01')).toThrow();
  });
});

describe('period kinds, months, ends', () => {
  it('recognises each kind', () => {
    expect(periodKindOf('2023-06')).toBe('month');
    expect(periodKindOf('2023-Q2')).toBe('quarter');
    expect(periodKindOf('2023-H1')).toBe('half');
    expect(periodKindOf('2023')).toBe('year');
    expect(() => periodKindOf('2023-Q5')).toThrow();
    expect(() => periodKindOf('2023-H3')).toThrow();
    expect(() => periodKindOf('undated')).toThrow();
  });
  it('lists the months of a period', () => {
    expect(monthsOf('2023-06')).toEqual(['2023-06']);
    expect(monthsOf('2023-Q2')).toEqual(['2023-04', '2023-05', '2023-06']);
    expect(monthsOf('2023-H2')).toEqual(['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    expect(monthsOf('2023')).toHaveLength(12);
  });
  it('knows the last day, leap years included', () => {
    expect(periodEnd('2023-H1')).toBe('2023-06-30');
    expect(periodEnd('2023-Q1')).toBe('2023-03-31');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('1900-02')).toBe('1900-02-28');
    expect(periodEnd('2023')).toBe('2023-12-31');
    expect(periodStart('2023-H2')).toBe('2023-07-01');
  });
  it('every date lies inside each of its periods', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        for (const id of Object.values(periodsOfDate(iso))) {
          expect(monthsOf(id)).toContain(iso.slice(0, 7));
          expect(periodStart(id) <= iso && iso <= periodEnd(id)).toBe(true);
        }
      }),
    );
  });
});

describe('periodLabel', () => {
  it('speaks Vietnamese', () => {
    expect(periodLabel('2023-H1', 'vi')).toBe('6 tháng đầu năm 2023');
    expect(periodLabel('2023-H2', 'vi')).toBe('6 tháng cuối năm 2023');
    expect(periodLabel('2023-Q2', 'vi')).toBe('Quý II năm 2023');
    expect(periodLabel('2023-Q4', 'vi')).toBe('Quý IV năm 2023');
    expect(periodLabel('2023-06', 'vi')).toBe('Tháng 6 năm 2023');
    expect(periodLabel('2023', 'vi')).toBe('Năm 2023');
  });
  it('and English', () => {
    expect(periodLabel('2023-H1', 'en')).toBe('First half of 2023');
    expect(periodLabel('2023-Q2', 'en')).toBe('Q2 2023');
    expect(periodLabel('2023-06', 'en')).toBe('June 2023');
  });
});

it('orders periods year, halves, quarters, months, undated last', () => {
  const ids = ['2023-06', '2023-Q2', 'undated', '2023', '2022-H2', '2023-H1', '2023-Q1'];
  expect([...ids].sort(comparePeriodIds)).toEqual(['2022-H2', '2023', '2023-H1', '2023-Q1', '2023-Q2', '2023-06', 'undated']);
});
