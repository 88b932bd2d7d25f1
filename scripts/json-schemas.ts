/**
 * JSON Schema files for the records other tools read (`bantin parse --json`, `digest.json`),
 * generated from the zod schemas so the documented schema can never drift from the validated one.
 * `npm run schemas` rewrites docs/schema/; a test fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DIGEST_SCHEMA_VERSION, DigestSchema } from '../lambda/core/digest-model.ts';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema, RejectionSchema } from '../lambda/core/model.ts';
import { CorrectionReportSchema, CorrectionSchema } from '../lambda/core/corrections.ts';

export function jsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string, version: number): string =>
    `${JSON.stringify({ title: `${title} (schema version ${version})`, ...z.toJSONSchema(schema, { io: 'output' }) }, null, 2)}\n`;
  return {
    'article.schema.json': render(ArticleSchema, 'bantin article record', ARTICLE_SCHEMA_VERSION),
    'rejection.schema.json': render(RejectionSchema, 'bantin rejection', ARTICLE_SCHEMA_VERSION),
    'digest.schema.json': render(DigestSchema, 'bantin digest.json', DIGEST_SCHEMA_VERSION),
    'correction.schema.json': render(CorrectionSchema, 'bantin correction (corrections/<path>.json, or one value of a --corrections file)', ARTICLE_SCHEMA_VERSION),
    'correction-report.schema.json': render(CorrectionReportSchema, 'bantin correction report (corrections-report.json entries, state/corrections/<path>.json)', ARTICLE_SCHEMA_VERSION),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../docs/schema/', import.meta.url));
  for (const [name, text] of Object.entries(jsonSchemas())) writeFileSync(dir + name, text);
  console.log(`wrote ${Object.keys(jsonSchemas()).join(', ')} to docs/schema/`);
}
