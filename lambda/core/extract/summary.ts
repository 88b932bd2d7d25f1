/**
 * Extractive summary: the sentence that dates the meeting, then what it concluded or asked
 * (`Phát biểu kết luận`, `đề nghị`, `thống nhất`); for other articles the lead sentences.
 */
import type { Sentence } from './vietnamese.ts';

export const SUMMARY_MAX = 600;
const CONCLUSION = /(?:phát biểu kết luận|kết luận (?:hội nghị|tại|cuộc)|đề nghị|yêu cầu|thống nhất|nhất trí|biểu quyết thông qua|thông qua|phát biểu chỉ đạo|nhấn mạnh)/iu;
export const CAPTION = /^(?:Ảnh|Quang cảnh|Toàn cảnh)[\s:]|Ảnh:\s|\(Ảnh/u;
/**
 * `CAPTION`, cheaper: each of its alternatives holds `Ảnh` or begins the sentence with `Quang cảnh`
 * or `Toàn cảnh` (it is case-sensitive), so a sentence with none of these is no caption and the
 * regex (tried at every position) is not run on it.
 */
export const isCaption = (text: string): boolean =>
  (text.includes('Ảnh') || text.startsWith('Quang cảnh') || text.startsWith('Toàn cảnh')) && CAPTION.test(text);

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/u, '')}…`;
}

export function summarise(sentences: Sentence[], anchorSentence: number): string {
  const usable = sentences.filter((s) => s.text.length >= 25 && !isCaption(s.text));
  const chosen: Sentence[] = [];
  const anchor = usable.find((s) => s.index === anchorSentence);
  if (anchor) {
    chosen.push(anchor);
    for (const s of usable) {
      if (chosen.length >= 3) break;
      if (s.index > anchorSentence && CONCLUSION.test(s.text)) chosen.push(s);
    }
  }
  for (const s of usable) {
    if (chosen.length >= 2) break;
    if (!chosen.includes(s)) chosen.push(s);
  }
  chosen.sort((a, b) => a.index - b.index);
  let summary = '';
  for (const s of chosen) {
    const next = summary ? `${summary} ${s.text}` : s.text;
    if (next.length > SUMMARY_MAX) {
      if (!summary) summary = clip(s.text, SUMMARY_MAX);
      break;
    }
    summary = next;
  }
  return summary;
}
