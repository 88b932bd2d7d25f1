/**
 * Attendance figures as printed (`35/37 cán bộ, đảng viên`, `237 điểm cầu`, `hơn 5.000 cán bộ`,
 * `Chi bộ … có 5 đảng viên`) and the meeting format (online / hybrid).
 */
import type { Attendance, MeetingEvent } from '../model.ts';
import { parseVietnameseInt } from './vietnamese.ts';

const PEOPLE_NOUN = String.raw`(?:cán bộ|đảng viên|đại biểu|đồng chí|thành viên|người|hội viên|công chức|viên chức|học viên|khách mời|cử tri|doanh nghiệp)`;
const NUMBER = String.raw`\d{1,3}(?:[.\s]\d{3})+(?!\d)|\d{1,6}(?![\d.,]\d)`;
const PRESENT = new RegExp(String.raw`(?<![\d/.,])(\d{1,4})\s?\/\s?(\d{1,4})(?![\d/])\s{1,2}${PEOPLE_NOUN}`, 'u');
const WORD_NUMBERS: Record<string, number> = { hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };
const BRIDGE = new RegExp(String.raw`(?<![\d/.,\p{L}])(${NUMBER}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s{1,2}(?:điểm cầu|đầu cầu)`, 'iu');
/**
 * Every `BRIDGE` match ends in `cầu`, matched with the same flags: a sentence without it has no
 * bridge count, and this scan is far cheaper than `BRIDGE` (a lookbehind and numbers first).
 */
const BRIDGE_WORD = /cầu/iu;
export const findBridge = (sentence: string): RegExpExecArray | null => (BRIDGE_WORD.test(sentence) ? BRIDGE.exec(sentence) : null);
/** The plain pattern (for the test of `findBridge`). */
export const BRIDGE_PATTERN = BRIDGE;
const MEMBERS = new RegExp(String.raw`chi bộ[^.;]{0,80}?\scó\s(?:tổng số\s)?(\d{1,4})\s(?:đồng chí\s)?đảng viên`, 'iu');
const TOTAL = new RegExp(String.raw`(?<![\d/.,])(?:(hơn|trên|gần|khoảng|xấp xỉ|gần như|tới|đến)\s{1,2})?(${NUMBER})\s{1,2}${PEOPLE_NOUN}`, 'giu');
/** The plain total pattern (for the test of the digit check before it). */
export const TOTAL_PATTERN = TOTAL;
/** Every `TOTAL` match holds a digit (its number), so a sentence without one is not searched for participation words. */
const DIGIT = /\d/;
const PARTICIPATION = /(?:tham dự|tham gia|có mặt|về dự|đến dự|dự hội nghị|dự đại hội|dự buổi|dự lễ|sự tham dự|với sự|triệu tập)/iu;

/** Attendance from the sentences about one meeting; null when none is printed. */
export function extractAttendance(sentences: string[]): Attendance | null {
  const result: Attendance = { printed: [] };
  for (const sentence of sentences) {
    const present = result.present === undefined ? PRESENT.exec(sentence) : null;
    if (present) {
      const p = Number(present[1]);
      const e = Number(present[2]);
      if (p <= e && e > 0) {
        result.present = p;
        result.expected = e;
        result.printed.push(`${present[1]}/${present[2]}`);
      }
    }
    const bridge = result.bridgePoints === undefined ? findBridge(sentence) : null;
    if (bridge) {
      const n = WORD_NUMBERS[bridge[1]!.toLowerCase()] ?? parseVietnameseInt(bridge[1]!);
      if (n !== null) {
        result.bridgePoints = n;
        result.printed.push(bridge[0].trim());
      }
    }
    const members = result.members === undefined ? MEMBERS.exec(sentence) : null;
    if (members) {
      result.members = Number(members[1]);
      result.printed.push(`${members[1]} đảng viên`);
    }
    if (result.total === undefined && DIGIT.test(sentence) && PARTICIPATION.test(sentence)) {
      TOTAL.lastIndex = 0;
      for (let m = TOTAL.exec(sentence); m; m = TOTAL.exec(sentence)) {
        if (/\/\s?$/.test(sentence.slice(Math.max(0, m.index - 2), m.index))) continue;
        const n = parseVietnameseInt(m[2]!);
        if (n === null || n < 2 || n === result.members) continue;
        result.total = n;
        result.printed.push(m[1] ? `${m[1]} ${m[2]}` : m[2]!);
        break;
      }
    }
  }
  return result.printed.length > 0 ? result : null;
}

const HYBRID = /trực tiếp\s{1,2}(?:và|kết hợp(?:\s{1,2}với)?|,)\s{1,2}trực tuyến|trực tuyến\s{1,2}(?:và|kết hợp(?:\s{1,2}với)?|,)\s{1,2}trực tiếp|kết hợp\s{1,2}(?:hình thức\s{1,2})?trực tuyến/iu;
const ONLINE = /trực tuyến|điểm cầu|đầu cầu|online|truyền hình trực tuyến/iu;
const IN_PERSON = /hình thức trực tiếp|họp trực tiếp|tổ chức trực tiếp|(?:tham )?dự trực tiếp/iu;

export function extractFormat(text: string): MeetingEvent['format'] {
  const online = ONLINE.test(text);
  const inPerson = IN_PERSON.test(text);
  // `hơn 2.000 đại biểu tham dự trực tiếp … gần 10.000 đại biểu theo dõi trực tuyến`.
  if (HYBRID.test(text) || (online && inPerson)) return 'hybrid';
  if (online) return 'online';
  if (inPerson) return 'in-person';
  return null;
}
