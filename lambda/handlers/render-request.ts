/**
 * The event-driven debounce on AWS: after a batch that marked periods dirty, the ingest sends one
 * message to the render queue with a delivery delay of the debounce (SQS caps it at 15 minutes).
 * The render it wakes takes only markers quiet for that long, so each burst of uploads is
 * rendered once, a debounce after its last upload; see docs/pipeline.md.
 *
 * The SQS client is imported on the first send, not with the module: an ingest that marks no
 * period dirty never sends, and the cold start of every ingest would otherwise pay for it.
 */
import { createHash } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PeriodDispatcher, PeriodRequest } from '../pipeline/render.ts';

/** SQS's largest delivery delay. */
export const MAX_DELAY_SECONDS = 900;

export interface RenderRequestEnv {
  BANTIN_RENDER_QUEUE_URL?: string;
  /** The FIFO render-period queue: one message a dirty period, each rendered in an invocation of its own. */
  BANTIN_RENDER_PERIOD_QUEUE_URL?: string;
  BANTIN_DEBOUNCE_SECONDS?: string;
}

export function debounceSecondsFromEnv(env: RenderRequestEnv = process.env): number {
  const n = Number(env.BANTIN_DEBOUNCE_SECONDS ?? 60);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BANTIN_DEBOUNCE_SECONDS must be a positive integer, got ${env.BANTIN_DEBOUNCE_SECONDS}`);
  return Math.min(n, MAX_DELAY_SECONDS);
}

/** A sender of render requests, or undefined when no render queue is configured (local mode, tests). */
export function renderRequesterFromEnv(env: RenderRequestEnv = process.env, client?: Pick<SQSClient, 'send'>): ((reason: Record<string, unknown>) => Promise<void>) | undefined {
  const queueUrl = env.BANTIN_RENDER_QUEUE_URL;
  if (!queueUrl) return undefined;
  const delaySeconds = debounceSecondsFromEnv(env);
  let sqs = client;
  return async (reason) => {
    const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
    sqs ??= new SQSClient({});
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, DelaySeconds: delaySeconds, MessageBody: JSON.stringify({ kind: 'render', ...reason }) }));
  };
}

/** The body of a render-period message. */
export const RENDER_PERIOD_KIND = 'render-period';
/** SQS takes at most 10 messages a SendMessageBatch. */
const SQS_BATCH = 10;

/**
 * A dispatcher sending one message a period to the render-period queue, or undefined when none is
 * configured (local mode, tests: the run renders the periods itself). FIFO, with the period as its
 * message group, so two renders of one period never run at once; a request sent again with the same
 * marker within SQS's 5-minute deduplication window is dropped.
 */
export function periodDispatcherFromEnv(env: RenderRequestEnv = process.env, client?: Pick<SQSClient, 'send'>): PeriodDispatcher | undefined {
  const queueUrl = env.BANTIN_RENDER_PERIOD_QUEUE_URL;
  if (!queueUrl) return undefined;
  let sqs = client;
  return async (requests: PeriodRequest[]) => {
    const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
    sqs ??= new SQSClient({});
    for (let i = 0; i < requests.length; i += SQS_BATCH) {
      const entries = requests.slice(i, i + SQS_BATCH).map((r, j) => {
        const body = JSON.stringify({ kind: RENDER_PERIOD_KIND, periodId: r.periodId, marker: r.marker });
        return { Id: String(i + j), MessageBody: body, MessageGroupId: r.periodId, MessageDeduplicationId: createHash('sha256').update(body).digest('hex') };
      });
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = (out as { Failed?: { Id?: string; Message?: string }[] } | undefined)?.Failed ?? [];
      if (failed.length > 0) throw new Error(`render-period requests not sent: ${failed.map((f) => `${entries[Number(f.Id)]?.MessageGroupId}: ${f.Message ?? 'failed'}`).join('; ')}`);
    }
  };
}
