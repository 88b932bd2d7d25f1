/**
 * The figures that have floors: every scored field of every gold set, rounded down to 3 places.
 * Shared by `npm run eval` (which raises the floors) and test/eval.test.ts (which holds them).
 */
import { join } from 'node:path';
import { loadExpectations, parseCorpusFile, scoreExpectations } from '../fixtures/extract/corpus-eval.ts';
import { EVAL_DIR } from '../helpers/data.ts';
import {
  DEV_FORMAT_SETS,
  SCALAR_FIELDS,
  SET_FIELDS,
  accuracy,
  addScores,
  emptyScores,
  f1,
  fieldAccuracy,
  loadGoldSet,
  scoreSet,
} from './score.ts';
import type { Tally } from './score.ts';

export const FLOORS_PATH = join(EVAL_DIR, 'floors.json');

export interface Floors {
  about: string;
  floors: Record<string, number>;
}

const down = (x: number) => Math.floor(x * 1000 + 1e-9) / 1000;

export interface Measured {
  floors: Record<string, number>;
  partyTallies: Record<string, Tally>;
  party: { yearFromEvidence: number };
  /** Party reports with a wrong field: `path: field (found …)`. */
  partyMisses: string[];
}

export function measure(): Measured {
  const floors: Record<string, number> = {};
  for (const name of DEV_FORMAT_SETS) {
    const set = loadGoldSet(name);
    if (!set) continue;
    const s = scoreSet(set).reduce((acc, r) => addScores(acc, r.scores), emptyScores());
    floors[`${name}.fieldAccuracy`] = down(fieldAccuracy(s));
    for (const f of SCALAR_FIELDS) if (s.scalar[f].total) floors[`${name}.${f}`] = down(accuracy(s.scalar[f]));
    for (const f of SET_FIELDS) if (s.sets[f].gold || s.sets[f].found) floors[`${name}.${f}F1`] = down(f1(s.sets[f]));
  }
  const expectations = loadExpectations();
  const { details, ...tallies } = scoreExpectations(expectations);
  const partyMisses = details.flatMap((d) => Object.entries(d.ok).filter(([, ok]) => !ok).map(([field]) =>
    `${d.path}: ${field} (found ${field === 'year' || field === 'date' ? (d.year ? `${d.year}-${d.date}` : `--${d.date ?? 'none'}`) : JSON.stringify((d as Record<string, unknown>)[field] ?? null)})`));
  for (const [field, t] of Object.entries(tallies)) floors[`party.${field}`] = down(accuracy(t));
  let yearFromEvidence = 0;
  for (const exp of expectations) {
    const event = parseCorpusFile(exp.path)?.primaryEvent;
    if (event?.date && /^\d{4}/.test(event.date) && event.dateInferred) yearFromEvidence++;
  }
  return { floors, partyTallies: tallies, party: { yearFromEvidence }, partyMisses };
}
