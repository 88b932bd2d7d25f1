/**
 * Typed parsing of the S3 notifications the ingest queue carries.
 * S3 URL-encodes object keys in notifications, writing spaces as `+`.
 */
import * as z from 'zod';

const S3EventRecordSchema = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const S3EventSchema = z.object({ Records: z.array(S3EventRecordSchema) });
/** Sent once by S3 when a notification configuration is saved. */
const S3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

export interface ObjectChange {
  bucket: string;
  /** Decoded object key. */
  key: string;
  kind: 'created' | 'removed' | 'other';
  eventName: string;
  eventTime: string | null;
}

export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** The inverse of decodeS3Key, as S3 writes keys into notifications (`/` kept, space as `+`). */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** The object changes in one SQS message body; a test event yields none; anything else throws. */
export function parseS3Notification(body: string): ObjectChange[] {
  const json: unknown = JSON.parse(body);
  if (S3TestEventSchema.safeParse(json).success) return [];
  const event = S3EventSchema.parse(json);
  return event.Records.map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeS3Key(r.s3.object.key),
    kind: r.eventName.startsWith('ObjectCreated:') ? 'created' : r.eventName.startsWith('ObjectRemoved:') ? 'removed' : 'other',
    eventName: r.eventName,
    eventTime: r.eventTime ?? null,
  }));
}
