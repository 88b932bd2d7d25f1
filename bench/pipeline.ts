/**
 * Pipeline benchmark: 1,000 uploads through `bantin local` (being written; see run()).
 */
import { skipped, type Outcome } from './outcome.ts';

export const title = 'Pipeline (bantin local)';

export async function run(): Promise<Outcome> {
  return skipped('`bantin local` not implemented yet');
}
