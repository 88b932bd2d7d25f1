/**
 * Corrections: what the people who sign a report fix by hand, kept apart from the parsed record.
 *
 * A correction is a JSON object for one article (one upload): any field of the article record to
 * override (deep-merged; see `applyCorrection`), plus three words of its own:
 * - `exclude: true` — the article is left out of every digest;
 * - `meeting: "<label>"` — the article's meeting is the one of every article with the same label
 *   (merge two meetings: give both articles one label; split a meeting that was wrongly joined:
 *   give one of its articles a label of its own). A labelled meeting never joins unlabelled ones
 *   by the automatic match (same date, kind and organiser);
 * - `note` — free text, why the correction was made (kept in reports, never applied).
 *
 * Corrections are applied at aggregation time on top of the parsed record and never written into
 * it, so they survive re-parsing and parser upgrades. A correction with any problem (an unknown
 * field, a value the article schema refuses, a field that cannot change) is not applied at all.
 * Pure: no I/O here; the CLI (core/build.ts) and the pipeline (pipeline/corrections.ts) read them.
 */
import * as z from 'zod';
import { ArticleSchema, type Article } from './model.ts';
import type { CorrectionChange } from './digest-model.ts';

/** Fields that identify the record or say how its bytes were read: not facts, so not correctable. */
const FIXED_FIELDS: Record<string, string> = {
  schemaVersion: 'it is the record format version',
  id: 'it identifies the content',
  'source.key': 'it names the upload the article came from',
  body: 'digests never read the body; correct the facts instead',
  encoding: 'it records how the bytes were read',
  format: 'it records how the bytes were read',
};

const CORRECTABLE_FIELDS = Object.keys(ArticleSchema.shape).filter((k) => !(k in FIXED_FIELDS));

/** The longest meeting label and note a correction may carry. */
const MAX_LABEL = 200;
const MAX_NOTE = 2000;

/**
 * The shape of one correction, for the JSON Schema (docs/schema/correction.schema.json). Article
 * fields are listed by name; what they may hold is the article schema, checked by applyCorrection.
 */
export const CorrectionSchema = z
  .object({
    exclude: z.boolean().optional().describe('true: leave the article out of every digest'),
    meeting: z
      .string()
      .min(1)
      .max(MAX_LABEL)
      .nullable()
      .optional()
      .describe('meeting label: articles with the same label report one meeting (merge); a label of its own splits an article from a meeting it was joined to'),
    note: z.string().max(MAX_NOTE).optional().describe('why the correction was made; kept in reports, never applied'),
    ...Object.fromEntries(
      CORRECTABLE_FIELDS.map((k) => [
        k,
        z.unknown().optional().describe(`override of the article field ${k} (docs/schema/article.schema.json): a value replaces it; an object is merged into it field by field; for a list, an object keyed by position ({"1": {...}}) corrects single entries and null removes one`),
      ]),
    ),
  })
  .strict();
export type Correction = z.infer<typeof CorrectionSchema>;

/** A whole corrections file of `bantin build --corrections`: one correction per article source key. */
export const CorrectionsFileSchema = z.record(z.string(), CorrectionSchema);

/** What became of one correction: in `OUT/corrections-report.json` and `state/corrections/<path>.json`. */
export const CorrectionReportSchema = z.object({
  /** The article's source key (a file path in a build, the upload key `incoming/…` in the pipeline). */
  key: z.string(),
  /** Where the correction came from: `corrections/<path>.json` in the pipeline, the file in a build. */
  correction: z.string(),
  /**
   * `applied`, `excluded`, `invalid` (a problem below; nothing applied), `no-article` (no article
   * has this key: not uploaded, rejected, or a typo), `removed` (the correction was deleted).
   */
  status: z.enum(['applied', 'excluded', 'invalid', 'no-article', 'removed']),
  applied: z.array(z.string()),
  problems: z.array(z.string()),
  note: z.string().nullable(),
  /** When the pipeline checked it (null in builds, which are reproducible). */
  checkedAt: z.string().nullable(),
});
export type CorrectionReport = z.infer<typeof CorrectionReportSchema>;

export interface CorrectionResult {
  /** The corrected article, or the original when there is a problem. */
  article: Article;
  excluded: boolean;
  /** The meeting label, or null. */
  meeting: string | null;
  /** One line per change, `primaryEvent.date: "2023-02-16" -> "2023-02-17"`. */
  applied: string[];
  /** Every change with its original value (digest.json keeps these). */
  changes: CorrectionChange[];
  /** Why nothing was applied; empty when the correction holds. */
  problems: string[];
}

/** An article as aggregation takes it: a corrected one carries what was changed. */
export type CorrectedArticle = Article & { correction?: { changes: CorrectionChange[]; meeting: string | null } };

/* ---------------------------------------------------------------- walking the article schema */

type Node = z.ZodType;

/** Strips optional/nullable/default wrappers; says whether null is allowed. */
function unwrap(schema: Node): { inner: Node; nullable: boolean } {
  let s: Node = schema;
  let nullable = false;
  for (;;) {
    if (s instanceof z.ZodNullable) {
      nullable = true;
      s = s.unwrap() as Node;
    } else if (s instanceof z.ZodOptional) s = s.unwrap() as Node;
    else if (s instanceof z.ZodDefault) s = s.unwrap() as Node;
    else return { inner: s, nullable };
  }
}

/** A fresh value to merge into where the record has none (a meeting the parser missed, a chair). */
function blankOf(schema: Node): Record<string, unknown> {
  const { inner } = unwrap(schema);
  const out: Record<string, unknown> = {};
  if (!(inner instanceof z.ZodObject)) return out;
  for (const [k, field] of Object.entries(inner.shape as Record<string, Node>)) {
    if (field instanceof z.ZodOptional) continue;
    const u = unwrap(field);
    if (u.nullable) out[k] = null;
    else if (u.inner instanceof z.ZodArray) out[k] = [];
    else if (u.inner instanceof z.ZodBoolean) out[k] = false;
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Walk {
  changes: CorrectionChange[];
  problems: string[];
  source: string;
}

function merge(schema: Node, original: unknown, patch: unknown, path: string, w: Walk): unknown {
  const fixed = FIXED_FIELDS[path];
  if (fixed !== undefined) {
    w.problems.push(`${path} cannot be corrected: ${fixed}`);
    return original;
  }
  const { inner, nullable } = unwrap(schema);
  if (patch === null) {
    if (!nullable && !(inner instanceof z.ZodArray)) {
      w.problems.push(`${path} cannot be null`);
      return original;
    }
    const value = inner instanceof z.ZodArray ? [] : null;
    if (!sameJson(original, value)) w.changes.push({ source: w.source, field: path, original: original ?? null, corrected: value });
    return value;
  }
  if (inner instanceof z.ZodObject) {
    if (!isPlainObject(patch)) {
      w.problems.push(`${path} must be an object with some of the fields ${Object.keys(inner.shape).join(', ')}`);
      return original;
    }
    const shape = inner.shape as Record<string, Node>;
    const base: Record<string, unknown> = isPlainObject(original) ? { ...original } : blankOf(inner);
    for (const [k, v] of Object.entries(patch)) {
      const fieldPath = path ? `${path}.${k}` : k;
      const field = shape[k];
      if (!field) {
        w.problems.push(`unknown field ${fieldPath} (${path || 'an article'} has ${Object.keys(shape).join(', ')})`);
        continue;
      }
      if (v === undefined) continue;
      base[k] = merge(field, base[k], v, fieldPath, w);
    }
    return base;
  }
  if (inner instanceof z.ZodArray) {
    const element = inner.element as Node;
    const list = Array.isArray(original) ? original : [];
    if (Array.isArray(patch)) {
      // A whole new list: each entry is checked for unknown fields as a new one.
      const quiet: Walk = { changes: [], problems: w.problems, source: w.source };
      const value = patch.map((item, i) => (isPlainObject(item) ? merge(element, undefined, item, `${path}.${i}`, quiet) : item));
      if (!sameJson(list, value)) w.changes.push({ source: w.source, field: path, original: list, corrected: value });
      return value;
    }
    if (!isPlainObject(patch)) {
      w.problems.push(`${path} must be a list, or an object keyed by position such as {"0": {...}}`);
      return original;
    }
    const next: unknown[] = [...list];
    const removed = new Set<number>();
    for (const [k, v] of Object.entries(patch)) {
      const i = /^(0|[1-9]\d*)$/.test(k) ? Number(k) : NaN;
      if (!(i < list.length)) {
        w.problems.push(
          list.length === 0
            ? `${path}.${k}: the article has no ${path}; give the whole list instead`
            : `${path}.${k}: the article has ${list.length} ${path} (positions 0 to ${list.length - 1}); to add one, give the whole list`,
        );
        continue;
      }
      if (v === null) {
        removed.add(i);
        w.changes.push({ source: w.source, field: `${path}.${i}`, original: list[i], corrected: null });
      } else next[i] = merge(element, list[i], v, `${path}.${i}`, w);
    }
    return next.filter((_, i) => !removed.has(i));
  }
  // A leaf: the article schema checks the value at the end.
  if (!sameJson(original, patch)) w.changes.push({ source: w.source, field: path, original: original ?? null, corrected: patch });
  return patch;
}

/** One line per problem the article schema finds in the corrected record, with a hint for the usual ones. */
function schemaProblems(error: z.ZodError, record: unknown): string[] {
  const at = (path: PropertyKey[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), record);
  return error.issues.map((issue) => {
    const path = issue.path.join('.');
    const last = String(issue.path.at(-1) ?? '');
    let hint = issue.message;
    if (issue.code === 'invalid_format' || (issue.code === 'invalid_type' && /date|At$|issuedOn/.test(last))) {
      if (last === 'date') hint = 'must be a date like "2023-02-17" (or "--02-17" when the year is unknown)';
      else if (last === 'issuedOn') hint = 'must be a date like "2023-02-17"';
      else if (last === 'publishedAt') hint = 'must be a date like "2023-02-17" or a time like "2023-02-17T08:30"';
      else if (last === 'coversPeriod') hint = 'must be a period id like "2023-H1", "2023-Q2", "2023-06" or "2023"';
    }
    if (at(issue.path) === undefined) hint = 'is required';
    return `${path || 'the article'} ${hint.startsWith('must') || hint.startsWith('is') ? hint : `: ${hint}`}`.replace(' : ', ': ');
  });
}

/** A corrected date must be a day of the calendar (the schema checks only its shape). */
function calendarProblems(changes: CorrectionChange[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    const m = typeof c.corrected === 'string' ? /^(\d{4}|-)-(\d{2})-(\d{2})/.exec(c.corrected) : null;
    if (!m) continue;
    const year = m[1] === '-' ? 2000 : Number(m[1]); // a leap year stands in for an unknown one
    const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      out.push(`${c.field}: ${JSON.stringify(c.corrected)} is not a day of the calendar`);
    }
  }
  return out;
}

/**
 * Checks a correction on its own (its shape, its own words); the fields are checked against the
 * article in applyCorrection. Returns the problems, one line each.
 */
export function correctionProblems(raw: unknown): string[] {
  if (!isPlainObject(raw)) return [`a correction must be a JSON object, not ${Array.isArray(raw) ? 'a list' : raw === null ? 'null' : typeof raw}`];
  const problems: string[] = [];
  for (const k of Object.keys(raw)) {
    if (k in CorrectionSchema.shape || k in FIXED_FIELDS) continue;
    problems.push(`unknown field ${k} (a correction has exclude, meeting, note and the article fields ${CORRECTABLE_FIELDS.join(', ')})`);
  }
  if (raw.exclude !== undefined && typeof raw.exclude !== 'boolean') problems.push('exclude must be true or false');
  if (raw.meeting !== undefined && raw.meeting !== null && (typeof raw.meeting !== 'string' || raw.meeting.trim() === '' || raw.meeting.length > MAX_LABEL)) {
    problems.push(`meeting must be a label of 1 to ${MAX_LABEL} characters (or null)`);
  }
  if (raw.note !== undefined && (typeof raw.note !== 'string' || raw.note.length > MAX_NOTE)) problems.push(`note must be text of at most ${MAX_NOTE} characters`);
  for (const k of Object.keys(FIXED_FIELDS)) if (k in raw) problems.push(`${k} cannot be corrected: ${FIXED_FIELDS[k]}`);
  // The schema is the contract (docs/schema/correction.schema.json): the lines above only word its refusals clearly.
  if (problems.length === 0) {
    const checked = CorrectionSchema.safeParse(raw);
    if (!checked.success) problems.push(...checked.error.issues.map((i) => `${i.path.join('.') || 'the correction'}: ${i.message}`));
  }
  return [...new Set(problems)];
}

/**
 * Applies one correction to one article. Pure; the article is not modified. Any problem means
 * nothing is applied (the result carries the original article and the problems).
 *
 * Field overrides are deep-merged: a value replaces the field; an object is merged into the
 * field's object field by field (creating it from blanks where the record has none, e.g. a
 * meeting the parser missed); a list is replaced whole, or corrected entry by entry with an object
 * keyed by position (`{"documents": {"1": {"code": "04-ĐA/TU"}}}`, `null` removes the entry).
 * Correcting a meeting's date without saying `dateInferred` marks the date as printed (a person
 * checked it). The result must satisfy the article schema.
 */
export function applyCorrection(article: Article, raw: unknown): CorrectionResult {
  const unchanged = (problems: string[]): CorrectionResult => ({ article, excluded: false, meeting: null, applied: [], changes: [], problems });
  const own = correctionProblems(raw);
  if (own.length > 0) return unchanged(own);
  const correction = raw as Record<string, unknown>;
  const w: Walk = { changes: [], problems: [], source: article.source.key };
  const patch = Object.fromEntries(Object.entries(correction).filter(([k]) => CORRECTABLE_FIELDS.includes(k)));
  const merged = merge(ArticleSchema, article, patch, '', w) as Record<string, unknown>;

  // A date a person set is not inferred, unless they say so.
  const event = patch.primaryEvent;
  if (isPlainObject(event) && 'date' in event && !('dateInferred' in event)) {
    const e = merged.primaryEvent as Record<string, unknown> | null;
    if (e && e.dateInferred === true && e.date !== article.primaryEvent?.date) {
      e.dateInferred = false;
      w.changes.push({ source: w.source, field: 'primaryEvent.dateInferred', original: true, corrected: false });
    }
  }
  const checked = ArticleSchema.safeParse(merged);
  const problems = [...w.problems, ...(checked.success ? [] : schemaProblems(checked.error, merged)), ...calendarProblems(w.changes)];
  if (problems.length > 0 || !checked.success) return unchanged([...new Set(problems)]);

  const meeting = typeof correction.meeting === 'string' ? correction.meeting.trim() : null;
  const changes = [...w.changes];
  if (meeting !== null) changes.push({ source: w.source, field: 'meeting', original: null, corrected: meeting });
  const excluded = correction.exclude === true;
  const applied = [
    ...(excluded ? ['excluded from every digest'] : []),
    ...changes.map((c) => (c.field === 'meeting' ? `meeting label ${show(c.corrected)}` : `${c.field}: ${show(c.original)} -> ${show(c.corrected)}`)),
  ];
  return { article: checked.data, excluded, meeting, applied, changes, problems: [] };
}

/** The article as aggregation takes it: corrected, carrying its changes (none: the article as it was). */
export function correctedArticle(result: CorrectionResult): CorrectedArticle {
  if (result.changes.length === 0) return result.article;
  return { ...result.article, correction: { changes: result.changes, meeting: result.meeting } };
}

/** The report line of one correction's result. */
export function reportOf(key: string, correction: string, raw: unknown, result: CorrectionResult | null, checkedAt: string | null = null): CorrectionReport {
  const note = isPlainObject(raw) && typeof raw.note === 'string' ? raw.note : null;
  if (!result) {
    const problems = [`no article has the key ${key} (not uploaded, rejected, or another name)`, ...correctionProblems(raw)];
    return { key, correction, status: 'no-article', applied: [], problems, note, checkedAt };
  }
  const status = result.problems.length > 0 ? 'invalid' : result.excluded ? 'excluded' : 'applied';
  return { key, correction, status, applied: result.applied, problems: result.problems, note, checkedAt };
}

export class CorrectionsFileError extends Error {}

/**
 * Reads the text of a corrections file (`bantin build --corrections FILE`): one JSON object keyed
 * by source key. Throws CorrectionsFileError (a one-line reason) when the file as a whole is
 * unusable; a bad entry is kept and reported by applyCorrection.
 */
export function parseCorrectionsFile(text: string, name: string): Map<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CorrectionsFileError(`corrections file ${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(json)) {
    throw new CorrectionsFileError(`corrections file ${name} must hold one JSON object keyed by article file name, e.g. {"002_….txt": {"exclude": true}}`);
  }
  return new Map(Object.entries(json));
}

/**
 * Applies a set of corrections keyed by source key to parsed articles (a build): returns the
 * articles to aggregate (excluded ones left out) and one report per correction, in key order.
 */
export function applyCorrections(
  articles: Article[],
  corrections: ReadonlyMap<string, unknown>,
  correctionName: string,
): { articles: CorrectedArticle[]; reports: CorrectionReport[] } {
  const out: CorrectedArticle[] = [];
  const results = new Map<string, CorrectionResult>();
  for (const a of articles) {
    if (!corrections.has(a.source.key)) {
      out.push(a);
      continue;
    }
    const result = applyCorrection(a, corrections.get(a.source.key));
    results.set(a.source.key, result);
    if (!result.excluded) out.push(correctedArticle(result));
  }
  const reports = [...corrections.keys()]
    .sort()
    .map((key) => reportOf(key, correctionName, corrections.get(key), results.get(key) ?? null));
  return { articles: out, reports };
}
