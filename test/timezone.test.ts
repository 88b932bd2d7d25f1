import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, instantOfLocalTime, isValidTimeZone, localDateOf, localParts } from '../lambda/core/timezone.ts';
import { toLocalDateTime } from '../lambda/core/metadata.ts';
import { localDate } from '../lambda/core/render/labels.ts';
import { buildDigests, monthOfArticle } from '../lambda/core/aggregate.ts';
import { parseArticle } from '../lambda/core/parse.ts';

describe('time zone helpers (Intl)', () => {
  it('default to Asia/Ho_Chi_Minh, UTC+7 all year', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(localDateOf(Date.parse('2023-06-30T17:00:00Z'))).toBe('2023-07-01');
    expect(localDateOf(Date.parse('2023-06-30T16:59:59Z'))).toBe('2023-06-30');
    expect(localParts(Date.parse('2023-12-31T17:30:00Z'))).toEqual({ year: 2024, month: 1, day: 1, hour: 0, minute: 30, second: 0 });
    expect(new Date(instantOfLocalTime(2023, 7, 1, 0, 0, 0)).toISOString()).toBe('2023-06-30T17:00:00.000Z');
  });

  it('follow another zone, daylight saving included', () => {
    expect(localDateOf(Date.parse('2023-06-30T20:00:00Z'), 'UTC')).toBe('2023-06-30');
    expect(localDateOf(Date.parse('2023-06-30T20:00:00Z'), 'Europe/Berlin')).toBe('2023-06-30');
    expect(localDateOf(Date.parse('2023-06-30T22:30:00Z'), 'Europe/Berlin')).toBe('2023-07-01'); // CEST, UTC+2
    expect(new Date(instantOfLocalTime(2023, 1, 15, 12, 0, 0, 'Europe/Berlin')).toISOString()).toBe('2023-01-15T11:00:00.000Z');
    expect(new Date(instantOfLocalTime(2023, 7, 15, 12, 0, 0, 'Europe/Berlin')).toISOString()).toBe('2023-07-15T10:00:00.000Z');
    expect(new Date(instantOfLocalTime(2023, 7, 1, 0, 0, 0, 'America/New_York')).toISOString()).toBe('2023-07-01T04:00:00.000Z');
  });

  it('agree with Intl minute by minute around clock changes (hourly offset cache)', () => {
    const cases: [string, string][] = [
      ['Europe/Berlin', '2023-03-26T00:00:00Z'],
      ['Europe/Berlin', '2023-10-29T00:00:00Z'],
      ['Australia/Lord_Howe', '2023-04-01T14:00:00Z'],
      ['America/St_Johns', '2023-11-05T02:00:00Z'],
      ['Asia/Ho_Chi_Minh', '1975-06-12T15:00:00Z'],
    ];
    for (const [zone, from] of cases) {
      const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      for (let t = Date.parse(from); t < Date.parse(from) + 4 * 3600_000; t += 7 * 60_000 + 13_000) {
        const p = localParts(t, zone);
        const want = f.format(new Date(t)).replace(', ', 'T');
        const got = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
        expect(got, `${zone} ${new Date(t).toISOString()}`).toBe(want);
      }
    }
  });

  it('validate IANA names', () => {
    for (const z of ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'UTC', 'Europe/Berlin']) expect(isValidTimeZone(z), z).toBe(true);
    for (const z of ['', 'Mars/Base', 'GMT+7 ', 'Asia/Ho Chi Minh']) expect(isValidTimeZone(z), z).toBe(false);
  });
});

describe('a timestamp with a zone lands on the local day of the configured zone', () => {
  // 20:00 UTC on 30 June: 1 July 03:00 in Vietnam, still 30 June in UTC and in New York.
  const at = '2023-06-30T20:00:00Z';

  it('toLocalDateTime, and the "Ngày lập" date of the renderers', () => {
    expect(toLocalDateTime(at)).toBe('2023-07-01T03:00');
    expect(toLocalDateTime(at, 'Asia/Ho_Chi_Minh')).toBe('2023-07-01T03:00');
    expect(toLocalDateTime(at, 'UTC')).toBe('2023-06-30T20:00');
    expect(toLocalDateTime(at, 'America/New_York')).toBe('2023-06-30T16:00');
    // Without a zone the time is local already, whatever the zone.
    expect(toLocalDateTime('2023-06-30T20:00', 'America/New_York')).toBe('2023-06-30T20:00');
    expect(localDate(at)).toBe('2023-07-01');
    expect(localDate(at, 'UTC')).toBe('2023-06-30');
  });

  it('places an article whose only date is its upload metadata in the month of that zone', () => {
    const bytes = Buffer.from('Chi bộ sinh hoạt chuyên đề\n\nChi bộ Văn phòng tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n');
    const input = { bytes, key: 'bai.txt', publishedAt: at, uploadedAt: '2024-01-01T00:00:00Z' };
    const vn = parseArticle(input);
    const utc = parseArticle(input, { timeZone: 'UTC' });
    if (!vn.ok || !utc.ok) throw new Error('not parsed');
    expect(vn.article.publishedAt).toBe('2023-07-01T03:00');
    expect(utc.article.publishedAt).toBe('2023-06-30T20:00');
    expect(monthOfArticle(vn.article)).toBe('2023-07');
    expect(monthOfArticle(utc.article, 'UTC')).toBe('2023-06');
  });

  it('dates uploads and rejections by the local day of the zone', () => {
    const bytes = Buffer.from('Chi bộ sinh hoạt chuyên đề\n\nChi bộ Văn phòng tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức.\n');
    const r = parseArticle({ bytes, key: 'b.txt', uploadedAt: at });
    if (!r.ok) throw new Error('not parsed');
    expect(r.article.publishedAt).toBeNull();
    const months = (timeZone?: string) => buildDigests([r.article], { kinds: ['month'], ...(timeZone ? { timeZone } : {}) }).map((d) => d.periodId);
    expect(months()).toEqual(['2023-07']);
    expect(months('UTC')).toEqual(['2023-06']);
  });
});
