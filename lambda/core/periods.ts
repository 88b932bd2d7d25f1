/**
 * Reporting periods: month `2023-06`, quarter `2023-Q2`, half `2023-H1`, year `2023`.
 * Pure date arithmetic on ISO strings; no time zones involved (dates are local dates).
 */

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];

/** Id of the bucket for articles whose year cannot be known. */
export const UNDATED = 'undated';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const HALF_RE = /^(\d{4})-H([12])$/;
const YEAR_RE = /^(\d{4})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function periodsOfDate(isoDate: string): { month: string; quarter: string; half: string; year: string } {
  const m = DATE_RE.exec(isoDate);
  if (!m) throw new Error(`periodsOfDate: not an ISO date: ${isoDate}`);
  const year = m[1]!;
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`periodsOfDate: bad month in ${isoDate}`);
  return {
    month: `${year}-${pad2(month)}`,
    quarter: `${year}-Q${Math.ceil(month / 3)}`,
    half: `${year}-H${month <= 6 ? 1 : 2}`,
    year,
  };
}

export function isPeriodId(id: string): boolean {
  return MONTH_RE.test(id) || QUARTER_RE.test(id) || HALF_RE.test(id) || YEAR_RE.test(id);
}

export function periodKindOf(id: string): PeriodKind {
  if (MONTH_RE.test(id)) return 'month';
  if (QUARTER_RE.test(id)) return 'quarter';
  if (HALF_RE.test(id)) return 'half';
  if (YEAR_RE.test(id)) return 'year';
  throw new Error(`periodKindOf: not a period id: ${id}`);
}

/** The months (`YYYY-MM`) a period spans, in order. */
export function monthsOf(periodId: string): string[] {
  const kind = periodKindOf(periodId);
  const year = periodId.slice(0, 4);
  let first: number;
  let count: number;
  switch (kind) {
    case 'month':
      return [periodId];
    case 'quarter':
      first = (Number(periodId.slice(6)) - 1) * 3 + 1;
      count = 3;
      break;
    case 'half':
      first = periodId.endsWith('1') ? 1 : 7;
      count = 6;
      break;
    case 'year':
      first = 1;
      count = 12;
      break;
  }
  return Array.from({ length: count }, (_, i) => `${year}-${pad2(first + i)}`);
}

/** The id of the period of `kind` containing month `YYYY-MM`. */
export function periodOfKind(monthId: string, kind: PeriodKind): string {
  return periodsOfDate(`${monthId}-01`)[kind];
}

/** ISO date of the first day of a period. */
export function periodStart(id: string): string {
  return `${monthsOf(id)[0]}-01`;
}

/** ISO date of the last day of a period. */
export function periodEnd(id: string): string {
  const last = monthsOf(id).at(-1)!;
  const year = Number(last.slice(0, 4));
  const month = Number(last.slice(5, 7));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${last}-${pad2(days)}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Human label: `Tháng 6 năm 2023`, `Quý II năm 2023`, `6 tháng đầu năm 2023`, `Năm 2023`. */
export function periodLabel(id: string, lang: 'vi' | 'en'): string {
  if (id === UNDATED) return lang === 'vi' ? 'Chưa xác định được thời gian' : 'Undated';
  const kind = periodKindOf(id);
  const year = id.slice(0, 4);
  if (lang === 'vi') {
    switch (kind) {
      case 'month': return `Tháng ${Number(id.slice(5))} năm ${year}`;
      case 'quarter': return `Quý ${ROMAN[Number(id.slice(6)) - 1]} năm ${year}`;
      case 'half': return `6 tháng ${id.endsWith('1') ? 'đầu' : 'cuối'} năm ${year}`;
      case 'year': return `Năm ${year}`;
    }
  }
  switch (kind) {
    case 'month': return `${EN_MONTHS[Number(id.slice(5)) - 1]} ${year}`;
    case 'quarter': return `Q${id.slice(6)} ${year}`;
    case 'half': return `${id.endsWith('1') ? 'First' : 'Second'} half of ${year}`;
    case 'year': return `Year ${year}`;
  }
}

/** Sort key so periods list year, then halves, quarters, months within it. */
export function comparePeriodIds(a: string, b: string): number {
  const key = (id: string): string => {
    if (id === UNDATED) return '9999-z';
    const kind = periodKindOf(id);
    const order = { year: 'a', half: 'b', quarter: 'c', month: 'd' }[kind];
    return `${id.slice(0, 4)}-${order}-${id.slice(5)}`;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** The period of the same kind just before `id`: `2023-H1` -> `2022-H2`, `2023-01` -> `2022-12`, `2023` -> `2022`. */
export function previousPeriod(id: string): string {
  const kind = periodKindOf(id);
  const year = Number(id.slice(0, 4));
  switch (kind) {
    case 'year':
      return String(year - 1);
    case 'half':
      return id.endsWith('1') ? `${year - 1}-H2` : `${year}-H1`;
    case 'quarter': {
      const q = Number(id.slice(6));
      return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
    }
    case 'month': {
      const m = Number(id.slice(5));
      return m === 1 ? `${year - 1}-12` : `${year}-${pad2(m - 1)}`;
    }
  }
}

/** The same period a year earlier: `2023-H1` -> `2022-H1`, `2023` -> `2022`. */
export function yearEarlierPeriod(id: string): string {
  periodKindOf(id);
  return `${Number(id.slice(0, 4)) - 1}${id.slice(4)}`;
}

/** The period of the same kind just after `id` (the inverse of previousPeriod). */
export function nextPeriod(id: string): string {
  const kind = periodKindOf(id);
  const year = Number(id.slice(0, 4));
  switch (kind) {
    case 'year':
      return String(year + 1);
    case 'half':
      return id.endsWith('1') ? `${year}-H2` : `${year + 1}-H1`;
    case 'quarter': {
      const q = Number(id.slice(6));
      return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
    }
    case 'month': {
      const m = Number(id.slice(5));
      return m === 12 ? `${year + 1}-01` : `${year}-${pad2(m + 1)}`;
    }
  }
}

/** The same period a year later. */
export function yearLaterPeriod(id: string): string {
  periodKindOf(id);
  return `${Number(id.slice(0, 4)) + 1}${id.slice(4)}`;
}
