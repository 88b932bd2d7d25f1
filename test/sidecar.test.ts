import { describe, expect, it } from 'vitest';
import { parseSidecar, SIDECAR_MAX_BYTES } from '../lambda/core/sidecar.ts';

const read = (text: string, timeZone?: string) => parseSidecar(Buffer.from(text), timeZone);

describe('<file>.meta.json sidecars', () => {
  it('take the S3 path\'s hints: source-url and published-at, both optional', () => {
    expect(read('{"source-url": "https://baohatinh.vn/a.html", "published-at": "2023-06-07T09:30+07:00"}')).toEqual({
      ok: true,
      hints: { sourceUrl: 'https://baohatinh.vn/a.html', publishedAt: '2023-06-07T09:30+07:00' },
    });
    expect(read('{}')).toEqual({ ok: true, hints: { sourceUrl: null, publishedAt: null } });
    expect(read('\uFEFF{"published-at": "2023-06-07"}')).toEqual({ ok: true, hints: { sourceUrl: null, publishedAt: '2023-06-07' } });
  });

  it('refuse, with the reason, anything else', () => {
    const problem = (text: string) => {
      const r = read(text);
      return r.ok ? null : r.problem;
    };
    expect(problem('{"published-at": ')).toMatch(/^not JSON/);
    expect(problem('["x"]')).toMatch(/^not a JSON object/);
    expect(problem('{"published": "2023-06-07"}')).toBe('unknown key "published" (expected "source-url", "published-at")');
    expect(problem('{"source-url": "javascript:alert(1)"}')).toBe('"source-url" is not an http(s) address');
    expect(problem('{"source-url": 42}')).toBe('"source-url" is not an http(s) address');
    expect(problem('{"published-at": "hôm qua"}')).toMatch(/^"published-at" is not a date or time/);
    expect(problem('{"published-at": "2023-02-30"}')).toMatch(/^"published-at" is not a date or time/);
    expect(problem(`{"source-url": "https://x.vn/${'a'.repeat(SIDECAR_MAX_BYTES)}"}`)).toMatch(/^larger than/);
  });
});
