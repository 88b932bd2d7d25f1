/**
 * The event-driven debounce on AWS: after a batch that marked periods dirty, the ingest sends one
 * message to the render queue with a delivery delay of the debounce (SQS caps it at 15 minutes).
 * The render it wakes takes only markers quiet for that long, so each burst of uploads is
 * rendered once, a debounce after its last upload; see docs/pipeline.md.
 *
 * The SQS client is imported on the first send, not with the module: an ingest that marks no
 * period dirty never sends, and the cold start of every ingest would otherwise pay for it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

/** SQS's largest delivery delay. */
export const MAX_DELAY_SECONDS = 900;

export interface RenderRequestEnv {
  BANTIN_RENDER_QUEUE_URL?: string;
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
