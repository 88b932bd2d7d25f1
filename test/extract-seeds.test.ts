/**
 * The gold facts straight from `extractFacts`, on seed text cleaned roughly here (not by the
 * parser's clean stage), so fact extraction is tested on its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../lambda/core/extract/facts.ts';
import { SEEDS_DIR, expectFactsMatchGold, loadGold } from './fixtures/extract/gold-facts.ts';
import type { GoldArticle } from './fixtures/extract/gold-facts.ts';

const CHROME_LINE = /^(?:[-+]A|image\S*|b|Chính trị|Hoạt động của các tổ chức Đảng cơ sở|\(?\d{1,2}:\d{2} \d{1,2}\/\d{1,2}\/\d{4}\)?|\d{1,2}-\d{1,2}-\d{4} \d{1,2}:\d{2}|image\d+\.jpg.*)$/;
const END_OF_ARTICLE = /^(?:Tin liên quan|Tin khác|THÔNG BÁO|POWERED BY|Nguồn tin:|Tin: )/;

function roughClean(raw: string, gold: GoldArticle): { title: string; body: string } {
  const lines: string[] = [];
  for (const line of raw.split('\n').map((l) => l.trim())) {
    if (END_OF_ARTICLE.test(line)) break;
    if (!line || CHROME_LINE.test(line) || line === gold.title) continue;
    if (gold.author && line.startsWith(gold.author)) continue;
    lines.push(line.replace(/^\([^)]{3,30}\)\s*-\s*/, ''));
  }
  return { title: gold.title, body: lines.join('\n\n') };
}

describe('extractFacts on roughly cleaned seeds', () => {
  for (const [file, gold] of loadGold()) {
    it(`${file} meets the gold facts`, () => {
      const { title, body } = roughClean(readFileSync(join(SEEDS_DIR, file), 'utf8'), gold);
      const facts = extractFacts({ title, body, publishedAt: gold.publishedAt, notPeople: gold.author ? [gold.author] : [] });
      expectFactsMatchGold(facts, gold);
      expect(facts.summary.length).toBeGreaterThan(40);
    });
  }
});
