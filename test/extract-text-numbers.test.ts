/**
 * Findings kept by text number (text-memo.ts): a sentence passed with its number among the
 * article's texts is read from a slot instead of a map keyed by the sentence. The slot must never
 * give the finding of another text, and the extractors must find the same with or without numbers.
 */
import { describe, expect, it } from 'vitest';
import { memoByText, startArticle, textNumber } from '../lambda/core/extract/text-memo.ts';
import { findChair, findPersonMentions } from '../lambda/core/extract/people.ts';
import { extractFacts } from '../lambda/core/extract/facts.ts';

describe('memo by text number', () => {
  it('reads a numbered text once and never answers another text from its slot', () => {
    const seen: string[] = [];
    const upper = memoByText((text: string) => {
      seen.push(text);
      return { text: text.toUpperCase() };
    });
    startArticle(['Tiêu đề', 'Câu một.', 'Câu hai.']);
    const first = upper('Câu một.', textNumber({ index: 0 }));
    expect(first.text).toBe('CÂU MỘT.');
    expect(upper('Câu một.', 1)).toBe(first);
    // Not text number 1 of this article: read for itself, not from slot 1.
    expect(upper('Câu khác.', 1).text).toBe('CÂU KHÁC.');
    expect(upper('Câu hai.', 1).text).toBe('CÂU HAI.');
    // A number past the article's texts falls back to the text.
    expect(upper('Câu ba.', 7).text).toBe('CÂU BA.');
    expect(seen).toEqual(['Câu một.', 'Câu khác.', 'Câu hai.', 'Câu ba.']);
    // A new article forgets the slots.
    startArticle(['Tiêu đề', 'Câu hai.']);
    expect(upper('Câu hai.', 1).text).toBe('CÂU HAI.');
    expect(upper('Câu một.', 1).text).toBe('CÂU MỘT.');
    expect(seen).toEqual(['Câu một.', 'Câu khác.', 'Câu hai.', 'Câu ba.', 'Câu hai.', 'Câu một.']);
  });

  it('gives the extractors the same findings with and without numbers', () => {
    const texts = [
      'Hội nghị Ban Chấp hành Đảng bộ tỉnh',
      'Sáng 16/8, đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy chủ trì hội nghị.',
      'Dự hội nghị có ông Trần Văn Nam, Phó Chủ tịch UBND tỉnh.',
    ];
    startArticle(texts);
    const numbered = texts.map((t, at) => findPersonMentions(t, at));
    startArticle([]);
    expect(numbered).toEqual(texts.map((t) => findPersonMentions(t)));
    startArticle(texts);
    expect(findChair(texts.slice(1), [1, 2])).toEqual(findChair(texts.slice(1)));
    expect(findChair(texts.slice(1), [1, 2])?.name).toBe('Nguyễn Văn Bình');
    // Numbers that do not match the article's texts do not mix findings up.
    expect(findChair(texts.slice(1), [2, 1])?.name).toBe('Nguyễn Văn Bình');
  });

  it('leaves a whole article unchanged', () => {
    const input = {
      title: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12',
      body: 'Sáng 16/8, Tỉnh ủy tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12.\n\nĐồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy chủ trì hội nghị. Dự có ông Trần Văn Nam, Phó Chủ tịch UBND tỉnh.',
      publishedAt: '2024-08-16',
    };
    const facts = extractFacts(input);
    expect(facts.primaryEvent?.date).toBe('2024-08-16');
    expect(facts.primaryEvent?.chair?.name).toBe('Nguyễn Văn Bình');
    expect(facts.people.map((p) => p.name)).toEqual(['Nguyễn Văn Bình', 'Trần Văn Nam']);
    expect(extractFacts(input)).toEqual(facts);
  });
});
