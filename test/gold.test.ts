/**
 * The five seed articles through the whole parser (`parseArticle`) against the hand-checked gold:
 * metadata (title, publication stamp, author), cleaning (`mustNotContain`) and every fact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { ArticleSchema } from '../lambda/core/model.ts';
import { SEEDS_DIR, expectFactsMatchGold, loadGold } from './fixtures/extract/gold-facts.ts';

describe('seed articles meet the gold facts through parseArticle', () => {
  for (const [file, gold] of loadGold()) {
    describe(file, () => {
      const result = parseArticle({ bytes: readFileSync(join(SEEDS_DIR, file)), key: file });
      const article = result.ok ? result.article : null;

      it('parses into a valid article', () => {
        expect(result.ok).toBe(true);
        expect(ArticleSchema.safeParse(article).success).toBe(true);
      });

      it('has the gold title, publication stamp and author', () => {
        expect(article?.title).toBe(gold.title);
        expect(article?.publishedAt).toBe(gold.publishedAt);
        expect(article?.author).toBe(gold.author);
      });

      it('keeps no page chrome in the body', () => {
        for (const chrome of gold.mustNotContain) expect(article?.body).not.toContain(chrome);
      });

      it('has every gold fact', () => {
        expectFactsMatchGold(article!, gold);
      });

      it('has a short summary and no author among the officials', () => {
        expect(article!.summary.length).toBeGreaterThan(40);
        expect(article!.summary.length).toBeLessThanOrEqual(600);
        expect(article!.people.map((p) => p.name)).not.toContain(gold.author);
      });
    });
  }
});
