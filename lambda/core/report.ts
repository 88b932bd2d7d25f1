/**
 * The figures a Party report contains, computed from a period's merged meetings and documents:
 * meetings by area of work (sections.ts), the dissemination ledger per document, and the figures
 * compared between periods. Only printed figures are summed; a figure no article printed is
 * counted as missing, never estimated.
 */
import type { Attendance } from './model.ts';
import type { DocumentEntry, FigureSum, LedgerEntry, MeetingEntry, ReportFigures, ReportSection } from './digest-model.ts';
import { REPORT_SECTIONS, sectionOf } from './sections.ts';

/** `hơn 5.000`, `trên 200`, `gần 100`, `khoảng 300`: a bound or an estimate. */
const QUALIFIED = /^(?:hơn|trên|gần|khoảng|xấp xỉ|hàng|more than|over|about|nearly)\s/i;

/** A meeting's number of participants as printed: the total, else those present, else the Party members. */
export function printedParticipants(a: Attendance | null): { value: number; approximate: boolean } | null {
  if (!a) return null;
  if (a.total !== undefined) {
    const digits = String(a.total);
    const approximate = a.printed.some((p) => QUALIFIED.test(p.trim()) && p.replace(/\D/g, '') === digits);
    return { value: a.total, approximate };
  }
  if (a.present !== undefined) return { value: a.present, approximate: false };
  if (a.members !== undefined) return { value: a.members, approximate: false };
  return null;
}

function sum(meetings: MeetingEntry[], figure: (m: MeetingEntry) => { value: number; approximate: boolean } | null): FigureSum {
  let total: number | null = null;
  let printed = 0;
  let approximate = false;
  for (const m of meetings) {
    const f = figure(m);
    if (!f) continue;
    total = (total ?? 0) + f.value;
    printed++;
    approximate ||= f.approximate;
  }
  return { total, printed, meetings: meetings.length, approximate };
}

export const attendanceSum = (meetings: MeetingEntry[]): FigureSum => sum(meetings, (m) => printedParticipants(m.attendance));
export const bridgePointsSum = (meetings: MeetingEntry[]): FigureSum =>
  sum(meetings, (m) => (m.attendance?.bridgePoints !== undefined ? { value: m.attendance.bridgePoints, approximate: false } : null));

export function sectionsOf(meetings: MeetingEntry[]): ReportSection[] {
  return REPORT_SECTIONS.map((s) => {
    const keys = meetings.filter((m) => sectionOf(m.type) === s.slug).map((m) => m.key);
    return { key: s.slug, count: keys.length, meetingKeys: keys };
  });
}

/** Meetings are in digest order (by date), documents in index order; the ledger keeps both orders. */
export function ledgerOf(meetings: MeetingEntry[], documents: DocumentEntry[]): LedgerEntry[] {
  const byKey = new Map(meetings.map((m, i) => [m.key, { m, i }]));
  const out: LedgerEntry[] = [];
  for (const d of documents) {
    const held = d.meetingKeys
      .map((k) => byKey.get(k))
      .filter((x): x is { m: MeetingEntry; i: number } => x !== undefined)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.m);
    if (held.length === 0) continue;
    const dates = held.map((m) => m.sortDate).filter((x): x is string => x !== null).sort();
    out.push({
      document: d.key,
      meetingKeys: held.map((m) => m.key),
      organizers: [...new Set(held.map((m) => m.organizer).filter((o): o is string => !!o))],
      first: dates[0] ?? null,
      last: dates.at(-1) ?? null,
      bridgePoints: bridgePointsSum(held),
      attendance: attendanceSum(held),
      presentOfExpected: held
        .filter((m) => m.attendance?.present !== undefined && m.attendance.expected !== undefined)
        .map((m) => ({ meetingKey: m.key, present: m.attendance!.present!, expected: m.attendance!.expected! })),
    });
  }
  return out;
}

export function figuresOf(meetings: MeetingEntry[], ledger: LedgerEntry[]): ReportFigures {
  return {
    meetings: meetings.length,
    meetingsBySection: sectionsOf(meetings).map((s) => ({ key: s.key, count: s.count })),
    documentsDisseminated: ledger.length,
    attendance: attendanceSum(meetings),
  };
}
