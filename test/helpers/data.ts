/**
 * Where the tests find their data. Everything they score lives in the repository (test/eval);
 * only the 7,929-article robustness corpus is read from ../shared/corpus beside the checkout
 * (or BANTIN_CORPUS), as CI lays it out.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const EVAL_DIR = join(REPO, 'test', 'eval');
/** The five original articles and their hand-checked facts (copied from ../shared/seeds and ../shared/gold). */
export const SEEDS_DIR = join(EVAL_DIR, 'seeds', 'articles');
export const SEEDS_GOLD = join(EVAL_DIR, 'seeds', 'gold.json');
/** The 98 party meeting reports of the corpus with their hand-checked expectations. */
export const PARTY_DIR = join(EVAL_DIR, 'party');
export const CORPUS = process.env.BANTIN_CORPUS ? resolve(process.env.BANTIN_CORPUS) : resolve(REPO, '..', 'shared', 'corpus');
