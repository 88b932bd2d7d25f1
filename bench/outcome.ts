/** What a benchmark module's run() returns; run.ts adds name, title, machine and duration. */
import type { Row } from './table.ts';

export interface Outcome {
  rows: Row[];
  notes: string[];
  skipped?: string;
}

export function skipped(reason: string, notes: string[] = []): Outcome {
  return { rows: [], notes, skipped: reason };
}

/** True when `error` says the code under test is still a stub. */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && /not implemented/i.test(error.message);
}

/**
 * Imports a module of the code under test that may not exist yet (other parts of the project land
 * in parallel); the path is resolved from bench/ at run time, so the type checker does not need it.
 */
export async function importOptional(relativeToBench: string): Promise<Record<string, unknown>> {
  return (await import(new URL(relativeToBench, import.meta.url).href)) as Record<string, unknown>;
}
