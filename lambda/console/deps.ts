import type { PipelineConfig } from '../pipeline/config.ts';
import type { Logger } from '../pipeline/log.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { UrlSigner } from './contract.ts';

/** What the router needs; the adapters (AWS Lambda, `bantin local`) supply it. */
export interface ConsoleDeps {
  store: ObjectStore;
  signer: UrlSigner;
  config: PipelineConfig;
  /** Largest file a browser may upload, in bytes. */
  maxUploadBytes: number;
  now?: () => Date;
  log: Logger;
  /** True on loopback (`bantin local`): no sign-in. */
  local?: boolean;
}
