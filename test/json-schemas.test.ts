import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../scripts/json-schemas.ts';

describe('documented JSON schemas', () => {
  for (const [name, text] of Object.entries(jsonSchemas())) {
    it(`docs/schema/${name} matches the zod schema (run npm run schemas after a model change)`, () => {
      expect(readFileSync(new URL(`../docs/schema/${name}`, import.meta.url), 'utf8')).toBe(text);
    });
  }

  it('the article schema names the fields other tools read', () => {
    const schema = JSON.parse(jsonSchemas()['article.schema.json']!) as { properties: Record<string, unknown>; required: string[] };
    for (const field of ['title', 'publishedAt', 'author', 'source', 'places', 'summary', 'body', 'warnings', 'primaryEvent', 'otherEvents', 'documents', 'people']) {
      expect(schema.required).toContain(field);
    }
  });
});
