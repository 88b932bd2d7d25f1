/**
 * The extraction evaluation: every gold set in test/eval scored per field and per site.
 *
 * Sets with gold in the dev format (`gold.json`: `articles` keyed by file path, see
 * test/eval/dev/README.md) are scored field by field; the party set keeps its own expectation
 * format (test/fixtures/extract/corpus-eval.ts) and is scored there.
 *
 * Fields:
 * - scalar fields, each right or wrong: title, publishedAt, author, kind (a meeting or none, and its
 *   kind), date, organizer, chair; `field accuracy` is right / scored over all of them;
 * - set fields, scored as F1 over items: documents (by code, or type and number without a code),
 *   people (by name), places.
 * Fields named in a gold record's `ambiguous` list are not scored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../lambda/core/parse.ts';
import type { Article } from '../../lambda/core/model.ts';
import { fold } from '../../lambda/core/extract/vietnamese.ts';
import { EVAL_DIR } from '../helpers/data.ts';

export interface GoldEvent {
  type: string;
  date: string | null;
  dateInferred?: boolean;
  organizer?: string | null;
  alsoAcceptOrganizer?: string[];
  chair?: { name: string; position?: string | null } | null;
}
export interface GoldDocument {
  code: string | null;
  type?: string | null;
  number?: string | null;
}
export interface GoldRecord {
  site?: string;
  title: string | null;
  publishedAt: string | null;
  author?: string | null;
  places?: string[];
  primaryEvent: GoldEvent | null;
  documents: GoldDocument[];
  people: string[];
  ambiguous?: string[];
}

export const SCALAR_FIELDS = ['title', 'publishedAt', 'author', 'kind', 'date', 'organizer', 'chair'] as const;
export const SET_FIELDS = ['documents', 'people', 'places'] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type SetField = (typeof SET_FIELDS)[number];

export interface Tally {
  right: number;
  total: number;
}
export interface SetTally {
  /** Items found that the gold has, items found, items in the gold. */
  hit: number;
  found: number;
  gold: number;
}
export interface Scores {
  scalar: Record<ScalarField, Tally>;
  sets: Record<SetField, SetTally>;
}
export interface FileResult {
  file: string;
  site: string;
  scores: Scores;
  /** Fields that were wrong, with what was expected and what came out. */
  misses: string[];
}

export function emptyScores(): Scores {
  return {
    scalar: Object.fromEntries(SCALAR_FIELDS.map((f) => [f, { right: 0, total: 0 }])) as Record<ScalarField, Tally>,
    sets: Object.fromEntries(SET_FIELDS.map((f) => [f, { hit: 0, found: 0, gold: 0 }])) as Record<SetField, SetTally>,
  };
}

export function addScores(into: Scores, from: Scores): Scores {
  for (const f of SCALAR_FIELDS) {
    into.scalar[f].right += from.scalar[f].right;
    into.scalar[f].total += from.scalar[f].total;
  }
  for (const f of SET_FIELDS) {
    into.sets[f].hit += from.sets[f].hit;
    into.sets[f].found += from.sets[f].found;
    into.sets[f].gold += from.sets[f].gold;
  }
  return into;
}

export function accuracy(t: Tally): number {
  return t.total === 0 ? 1 : t.right / t.total;
}
export function f1(t: SetTally): number {
  if (t.gold === 0 && t.found === 0) return 1;
  const p = t.found === 0 ? 0 : t.hit / t.found;
  const r = t.gold === 0 ? 0 : t.hit / t.gold;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
export function fieldAccuracy(s: Scores): number {
  let right = 0;
  let total = 0;
  for (const f of SCALAR_FIELDS) {
    right += s.scalar[f].right;
    total += s.scalar[f].total;
  }
  return total === 0 ? 1 : right / total;
}

/** Text compared as printed, give or take spacing, quote shapes and a final full stop. */
const normText = (s: string | null | undefined): string | null =>
  s == null
    ? null
    : s
        .normalize('NFC')
        .replace(/[‘’‚‛`´]/g, "'")
        .replace(/[“”„‟]/g, '"')
        .replace(/\s+/g, ' ')
        .replace(/[.\s]+$/, '')
        .trim();
const normName = (s: string): string => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();

function sameBody(found: string | null, expected: string): boolean {
  if (found === null) return false;
  const a = normName(found);
  const b = normName(expected);
  return a !== '' && b !== '' && (a.includes(b) || b.includes(a));
}

function tallySet(scores: SetTally, found: string[], gold: string[]): string | null {
  const goldSet = new Set(gold);
  const foundSet = new Set(found);
  let hit = 0;
  for (const f of foundSet) if (goldSet.has(f)) hit++;
  scores.hit += hit;
  scores.found += foundSet.size;
  scores.gold += goldSet.size;
  if (hit === goldSet.size && hit === foundSet.size) return null;
  const missing = [...goldSet].filter((g) => !foundSet.has(g));
  const extra = [...foundSet].filter((f) => !goldSet.has(f));
  return `${missing.length ? `missing ${missing.join('; ')}` : ''}${missing.length && extra.length ? ' | ' : ''}${extra.length ? `extra ${extra.join('; ')}` : ''}`;
}

/**
 * A place compared by what it names, not how it is spelled: gold records places as printed (`TP HCM`,
 * `TPHCM`, `TP.HCM`), the parser names them in full (`TP. Hồ Chí Minh`). Prefixes of the unit
 * (`TP`, `Thành phố`, `Tỉnh`) are dropped and the usual short forms of Ho Chi Minh City expanded.
 */
export function placeKey(place: string): string {
  const k = fold(place)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(?:tp|thanh pho|tinh)\s+/, '');
  const compact = k.replace(/ /g, '');
  return compact === 'hcm' || compact === 'tphcm' || k === 'ho chi minh' || k === 'sai gon' ? 'ho chi minh' : k;
}

const docKey = (d: { code: string | null; type?: string | null; number?: string | null }) =>
  d.code !== null ? d.code : `${normName(d.type ?? '')} ${d.number ?? ''}`.trim();

/** Scores one parsed article against its gold record. */
export function scoreArticle(article: Article | null, gold: GoldRecord): { scores: Scores; misses: string[] } {
  const scores = emptyScores();
  const misses: string[] = [];
  const skip = new Set(gold.ambiguous ?? []);
  const check = (field: ScalarField, path: string, ok: boolean, expected: unknown, found: unknown) => {
    if (skip.has(path)) return;
    scores.scalar[field].total++;
    if (ok) scores.scalar[field].right++;
    else misses.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(found)}`);
  };
  const a = article;
  check('title', 'title', normText(a?.title) === normText(gold.title), gold.title, a?.title ?? null);
  const at = a?.publishedAt ?? null;
  const goldAt = gold.publishedAt;
  const atOk = goldAt === null ? at === null : at !== null && (goldAt.length === 10 ? at.slice(0, 10) === goldAt : at === goldAt);
  check('publishedAt', 'publishedAt', atOk, goldAt, at);
  if (gold.author !== undefined) {
    check('author', 'author', normText(a?.author)?.toLowerCase() === normText(gold.author)?.toLowerCase(), gold.author, a?.author ?? null);
  }
  const event = a?.primaryEvent ?? null;
  const ge = gold.primaryEvent;
  if (ge === null) {
    check('kind', 'primaryEvent', event === null, null, event?.type ?? null);
  } else {
    check('kind', 'primaryEvent.type', event?.type === ge.type, ge.type, event?.type ?? null);
    check('date', 'primaryEvent.date', (event?.date ?? null) === ge.date, ge.date, event?.date ?? null);
    if (ge.organizer !== undefined) {
      const org = event?.organizer ?? null;
      const ok = ge.organizer === null ? org === null : [ge.organizer, ...(ge.alsoAcceptOrganizer ?? [])].some((o) => sameBody(org, o));
      check('organizer', 'primaryEvent.organizer', ok, ge.organizer, org);
    }
    if (ge.chair !== undefined) {
      const name = event?.chair?.name ?? null;
      check('chair', 'primaryEvent.chair', name === (ge.chair?.name ?? null), ge.chair?.name ?? null, name);
    }
  }
  const sets: Array<[SetField, string[], string[]]> = [
    ['documents', (a?.documents ?? []).map(docKey), gold.documents.map(docKey)],
    ['people', (a?.people ?? []).map((p) => p.name), gold.people],
  ];
  if (gold.places !== undefined) sets.push(['places', (a?.places ?? []).map(placeKey), gold.places.map(placeKey)]);
  for (const [field, found, expected] of sets) {
    if (skip.has(field)) continue;
    const miss = tallySet(scores.sets[field], found, expected);
    if (miss) misses.push(`${field}: ${miss}`);
  }
  return { scores, misses };
}

export interface GoldSet {
  name: string;
  dir: string;
  gold: Record<string, GoldRecord>;
  /** Upload metadata per file where the set keeps it outside the files. */
  uploadedAt?: string;
}

/** The gold sets in the dev format: test/eval/<name>/gold.json with files beside it. */
export const DEV_FORMAT_SETS = ['seeds', 'dev', 'portals'] as const;

export function loadGoldSet(name: string): GoldSet | null {
  const dir = join(EVAL_DIR, name);
  const path = join(dir, 'gold.json');
  if (!existsSync(path)) return null;
  const gold = (JSON.parse(readFileSync(path, 'utf8')) as { articles: Record<string, GoldRecord> }).articles;
  // The seeds' gold names bare files kept in articles/.
  const fileDir = name === 'seeds' ? join(dir, 'articles') : dir;
  return { name, dir: fileDir, gold };
}

export function parseFile(dir: string, file: string): Article | null {
  const result = parseArticle({ bytes: readFileSync(join(dir, file)), key: file });
  return result.ok ? result.article : null;
}

export function scoreSet(set: GoldSet): FileResult[] {
  return Object.entries(set.gold).map(([file, gold]) => {
    const { scores, misses } = scoreArticle(parseFile(set.dir, file), gold);
    return { file, site: gold.site ?? 'seed', scores, misses };
  });
}

/**
 * The dev sites the extractor may be tuned on, and those it is only checked on. Fixed before any
 * tuning: sites in alphabetical order, every third one from the third (index 2 mod 3) is checked.
 */
export function isCheckSite(site: string, allSites: string[]): boolean {
  const sorted = [...new Set(allSites)].sort();
  return sorted.indexOf(site) % 3 === 2;
}
