/**
 * Time of the facts stage alone (extractFacts) on the text corpus, µs an article, one line per run:
 * the inputs (title, cleaned body, publication time) are made first, as parseArticle makes them.
 *   npx tsx scripts/extract-timing.ts [runs]
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof scripts/extract-timing.ts 6   (a profile of it)
 */
import { loadCorpus } from '../bench/corpus.ts';
import { decodeBytes, normaliseText } from '../lambda/core/decode.ts';
import { cleanLines, finishBody } from '../lambda/core/clean.ts';
import { extractTextMetadata } from '../lambda/core/metadata.ts';
import { extractFacts } from '../lambda/core/extract/facts.ts';
const files = loadCorpus(['general']);
const inputs: { title: string | null; body: string; publishedAt: string | null }[] = [];
for (const f of files) {
  const d = decodeBytes(f.bytes); if (!d.ok) continue;
  const n = normaliseText(d.text, { plain: d.plain });
  const text = d.text.includes('&') ? normaliseText(d.text, { entities: true }) : n;
  const meta = extractTextMetadata(cleanLines(text), { title: null });
  const title = meta.title;
  inputs.push({ title, body: finishBody(meta.bodyLines, { title }), publishedAt: meta.publishedAt });
}
const runs = Number(process.argv[2] ?? 3);
for (const x of inputs.slice(0, 500)) extractFacts({ ...x, normalised: true });
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  for (const x of inputs) extractFacts({ ...x, normalised: true });
  times.push((performance.now() - t) * 1000 / inputs.length);
}
console.log('extract µs/article', times.map((x) => x.toFixed(1)).join(' '));
