/**
 * Local calendar dates and times in a configured IANA time zone (Intl.DateTimeFormat), passed as
 * a parameter everywhere (no process-wide setting). The default, Asia/Ho_Chi_Minh, has been UTC+7
 * without daylight saving since 1975, so every output is unchanged unless another zone is given.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows this IANA zone name (e.g. `Asia/Ho_Chi_Minh`, `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of an instant by Intl (slow: a few µs a call). */
function exactParts(instant: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

function exactOffset(instant: number, timeZone: string): number {
  const p = exactParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const HOUR = 3_600_000;
/** Per zone, per UTC hour: the zone's offset through that hour, or null when it changes within it. */
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at an instant, in ms (UTC+7 -> 25,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  let byHour = hourOffsets.get(timeZone);
  if (!byHour) hourOffsets.set(timeZone, (byHour = new Map()));
  const hour = Math.floor(instant / HOUR);
  let known = byHour.get(hour);
  if (known === undefined) {
    if (byHour.size >= 100_000) byHour.clear();
    const start = exactOffset(hour * HOUR, timeZone);
    known = start === exactOffset(hour * HOUR + HOUR - 1000, timeZone) ? start : null;
    byHour.set(hour, known);
  }
  return known ?? exactOffset(instant, timeZone);
}

/** The wall-clock time of an instant (ms since 1970) in `timeZone`. */
export function localParts(instant: number, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const local = new Date(instant + offsetAt(instant, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD`: the local date of an instant (ms since 1970) in `timeZone`. */
export function localDateOf(instant: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant (ms since 1970) of a wall-clock time in `timeZone`. A time skipped by a clock change
 * is taken with the offset before it; a repeated one, at its first occurrence.
 */
export function instantOfLocalTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, timeZone: string = DEFAULT_TIME_ZONE): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second_ = asUtc - offsetAt(first, timeZone);
  if (first === second_) return first;
  // Near a clock change: take the earlier reading that maps back to the same wall time.
  const candidates = [first, second_].filter((t) => asUtc - offsetAt(t, timeZone) === t).sort((a, b) => a - b);
  return candidates[0] ?? Math.min(first, second_);
}
