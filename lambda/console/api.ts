/**
 * STUB (branch console-aws only): the router is built on branch console-app, whose api.ts replaces
 * this file at merge. It exists so the AWS adapter (lambda/handlers/console-api.ts) compiles and
 * its tests run; it answers every request 501.
 */
import type { PipelineConfig } from '../pipeline/config.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { ConsoleRequest, ConsoleResponse, UrlSigner } from './contract.ts';

export interface ConsoleDeps {
  store: ObjectStore;
  signer: UrlSigner;
  config: PipelineConfig;
  /** True on loopback (`bantin local`). */
  local: boolean;
}

export async function handleConsoleRequest(_req: ConsoleRequest, _deps: ConsoleDeps): Promise<ConsoleResponse> {
  return { status: 501, body: { error: { code: 'not-implemented', message: 'The console API is not built into this branch.' } } };
}
