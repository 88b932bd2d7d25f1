/**
 * `npm run eval`: scores the parser on every gold set in test/eval, per field and per site, prints
 * the tables, and raises the floors in test/eval/floors.json to what was measured (a floor is never
 * lowered here; test/eval.test.ts fails when a score drops below its floor).
 *
 *   npm run eval                 print the tables, raise the floors
 *   npm run eval -- --no-write   print only
 *   npm run eval -- --misses     also list every wrong field of every file
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEV_FORMAT_SETS,
  SCALAR_FIELDS,
  SET_FIELDS,
  accuracy,
  addScores,
  emptyScores,
  f1,
  fieldAccuracy,
  isCheckSite,
  loadGoldSet,
  scoreSet,
} from '../test/eval/score.ts';
import type { FileResult, Scores } from '../test/eval/score.ts';
import { FLOORS_PATH, measure, type Floors } from '../test/eval/measure.ts';

const { values } = parseArgs({
  options: { 'no-write': { type: 'boolean', default: false }, misses: { type: 'boolean', default: false } },
});

const pct = (x: number) => x.toFixed(3);
function row(label: string, s: Scores, files: number): string {
  const cells = SCALAR_FIELDS.map((f) => (s.scalar[f].total ? `${s.scalar[f].right}/${s.scalar[f].total}` : '–'));
  const sets = SET_FIELDS.map((f) => (s.sets[f].gold || s.sets[f].found ? pct(f1(s.sets[f])) : '–'));
  return `| ${label} | ${files} | ${pct(fieldAccuracy(s))} | ${cells.join(' | ')} | ${sets.join(' | ')} |`;
}
const HEADER = `| | files | field acc. | ${SCALAR_FIELDS.join(' | ')} | ${SET_FIELDS.map((f) => `${f} F1`).join(' | ')} |\n|${'---|'.repeat(3 + SCALAR_FIELDS.length + SET_FIELDS.length)}`;

function total(results: FileResult[]): Scores {
  return results.reduce((acc, r) => addScores(acc, r.scores), emptyScores());
}

const out: string[] = [];
for (const name of DEV_FORMAT_SETS) {
  const set = loadGoldSet(name);
  if (!set) continue;
  const results = scoreSet(set);
  out.push(`\n## ${name} (${results.length} files)\n`, HEADER, row('all', total(results), results.length));
  if (name === 'dev') {
    const sites = results.map((r) => r.site);
    const tuned = results.filter((r) => !isCheckSite(r.site, sites));
    const checked = results.filter((r) => isCheckSite(r.site, sites));
    out.push(row('tuned sites', total(tuned), tuned.length), row('checked sites', total(checked), checked.length));
  }
  if (name !== 'seeds') {
    out.push('', HEADER);
    const bySite = new Map<string, FileResult[]>();
    for (const r of results) bySite.set(r.site, [...(bySite.get(r.site) ?? []), r]);
    const sites = results.map((r) => r.site);
    for (const [site, rs] of [...bySite].sort((a, b) => a[0].localeCompare(b[0]))) {
      const mark = name === 'dev' && isCheckSite(site, sites) ? ' (checked)' : '';
      out.push(row(`${site}${mark}`, total(rs), rs.length));
    }
  }
  if (values.misses) {
    out.push('', '### misses');
    for (const r of results) for (const m of r.misses) out.push(`- ${r.file}: ${m}`);
  }
}

const measured = measure();
out.push('\n## party (98 corpus articles, hand-checked expectations)\n');
out.push('| field | right/total |', '|---|---|');
for (const [field, t] of Object.entries(measured.partyTallies)) out.push(`| ${field} | ${t.right}/${t.total} (${pct(accuracy(t))}) |`);
out.push(`| meeting dates whose year was inferred from text evidence (no printed year) | ${measured.party.yearFromEvidence} |`);
if (values.misses) {
  out.push('', '### misses');
  for (const m of measured.partyMisses) out.push(`- ${m}`);
}

console.log(out.join('\n'));

if (!values['no-write']) {
  const old = JSON.parse(readFileSync(FLOORS_PATH, 'utf8')) as Floors;
  const raised: Floors = { about: old.about, floors: {} };
  const keys = new Set([...Object.keys(old.floors), ...Object.keys(measured.floors)]);
  for (const key of [...keys].sort()) {
    const before = old.floors[key];
    const now = measured.floors[key];
    raised.floors[key] = before === undefined ? now! : now === undefined ? before : Math.max(before, now);
  }
  writeFileSync(FLOORS_PATH, JSON.stringify(raised, null, 2) + '\n');
  console.log(`\nfloors written to test/eval/floors.json (raised only)`);
}
