/**
 * Local stand-in for S3 notifications -> SQS -> Lambda event source mapping: turns s3rver's events
 * into S3-shaped notifications (keys URL-encoded as S3 does; s3rver sends them raw), filters them
 * like the stack's notification (`incoming/` and `corrections/` only, created/removed), batches them into SQS-shaped
 * events for the ingest handler, retries failed messages and sets aside ("dead-letters") a message
 * after MAX_RECEIVE_COUNT (5) receives — the same contract the Lambda has on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { IngestHandler } from '../handlers/ingest.ts';
import { MAX_RECEIVE_COUNT } from '../pipeline/config.ts';
import { NOTIFYING_PREFIXES } from '../pipeline/keys.ts';
import { errorFields, type Logger } from '../pipeline/log.ts';
import { encodeS3Key } from '../pipeline/s3-event.ts';

/** The part of an s3rver event record this needs. */
export interface RawS3EventRecord {
  eventName: string;
  eventTime?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
  [other: string]: unknown;
}

export interface DeliveryOptions {
  bucket: string;
  ingest: IngestHandler;
  log: Logger;
  batchSize?: number;
  /** How long to wait for more events before delivering a batch (like maximumBatchingWindow). */
  batchWindowMs?: number;
  maxReceiveCount?: number;
}

interface Pending {
  record: SQSRecord;
  receiveCount: number;
}

export class LocalEventDelivery {
  private queue: Pending[] = [];
  private readonly deadLetters: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: DeliveryOptions) {}

  /** Accepts one s3rver event ({ Records: [...] }); ignores what the stack's notification filter would. */
  accept(event: { Records: RawS3EventRecord[] }): void {
    for (const raw of event.Records) {
      if (raw.s3.bucket.name !== this.options.bucket) continue;
      if (!NOTIFYING_PREFIXES.some((prefix) => raw.s3.object.key.startsWith(prefix))) continue;
      if (!/^Object(Created|Removed):/.test(raw.eventName)) continue;
      const notification = { Records: [{ ...raw, s3: { ...raw.s3, object: { ...raw.s3.object, key: encodeS3Key(raw.s3.object.key) } } }] };
      this.queue.push({ record: sqsRecord(JSON.stringify(notification)), receiveCount: 0 });
    }
    this.schedule();
  }

  /**
   * Puts a message body on the queue as it is, like SQS SendMessage: a queue can hold anything
   * (a hand-sent message, a notification from elsewhere), not only what `accept` encodes.
   */
  send(body: string): void {
    this.queue.push({ record: sqsRecord(body), receiveCount: 0 });
    this.schedule();
  }

  get deadLettered(): readonly SQSRecord[] {
    return this.deadLetters.map((p) => p.record);
  }

  /** Resolves once every accepted event has been delivered (or dead-lettered). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.running && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Stops the batching timer. With `abandon`, also drops the messages not yet delivered (the batch
   * in flight finishes): `bantin local` re-drives them from the bucket at its next start.
   */
  stop(options: { abandon?: boolean } = {}): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (options.abandon) {
      this.stopped = true;
      this.queue = [];
      if (!this.running) this.waiters.splice(0).forEach((w) => w());
    }
  }

  private schedule(): void {
    if (this.stopped || this.timer || this.running || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.deliverAll().finally(() => {
        this.running = null;
        if (this.queue.length > 0) this.schedule();
        else this.waiters.splice(0).forEach((w) => w());
      });
    }, this.options.batchWindowMs ?? 100);
  }

  private async deliverAll(): Promise<void> {
    const { ingest, log } = this.options;
    const batchSize = this.options.batchSize ?? 10;
    const maxReceiveCount = this.options.maxReceiveCount ?? MAX_RECEIVE_COUNT;
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.splice(0, batchSize);
      for (const p of batch) {
        p.receiveCount += 1;
        p.record.attributes.ApproximateReceiveCount = String(p.receiveCount);
      }
      const event: SQSEvent = { Records: batch.map((p) => p.record) };
      let failedIds: Set<string>;
      try {
        const response = await ingest(event, { awsRequestId: randomUUID() });
        failedIds = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      } catch (error) {
        log.error('ingest invocation failed; whole batch will be retried', errorFields(error));
        failedIds = new Set(batch.map((p) => p.record.messageId));
      }
      for (const p of batch) {
        if (!failedIds.has(p.record.messageId)) continue;
        if (p.receiveCount >= maxReceiveCount) {
          this.deadLetters.push(p);
          log.error('message dead-lettered', { messageId: p.record.messageId, body: p.record.body });
        } else {
          this.queue.push(p);
        }
      }
    }
  }
}

function sqsRecord(body: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: '0', SentTimestamp: now, SenderId: 'bantin-local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:bantin-ingest',
    awsRegion: 'local',
  };
}
