/**
 * The one data model of bantin. Every stage reads and writes these shapes; the
 * edges (CLI, Lambda handlers, storage) validate with these schemas.
 *
 * Bump ARTICLE_SCHEMA_VERSION on any incompatible change and document it in the README.
 */
import * as z from 'zod';
import { MEETING_KIND_LIST } from './kinds.ts';
import type { MeetingKindSlug } from './kinds.ts';

export const ARTICLE_SCHEMA_VERSION = 1;

/** Meeting kinds: slug -> Vietnamese label, in the order digests list them (one entry each in ./kinds.ts). */
export type MeetingKind = MeetingKindSlug;
export const MEETING_KINDS = Object.fromEntries(MEETING_KIND_LIST.map((k) => [k.slug, k.vi])) as Record<MeetingKind, string>;
export const MeetingKindSchema = z.enum(MEETING_KIND_LIST.map((k) => k.slug) as [MeetingKind, ...MeetingKind[]]);

/** ISO date `YYYY-MM-DD`, or `--MM-DD` when the year cannot be known. */
export const EventDateSchema = z.string().regex(/^(\d{4}-|--)\d{2}-\d{2}$/);
/** Local time without zone, `YYYY-MM-DDTHH:mm` (or a bare date when the page gives no time). */
export const LocalDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/);
/** Period ids: `2023`, `2023-H1`, `2023-Q2`, `2023-06`. */
export const PeriodIdSchema = z.string().regex(/^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$/);

export const PersonSchema = z.object({
  name: z.string().min(1),
  position: z.string().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

export const AttendanceSchema = z.object({
  /** Present of expected, `35/37`. */
  present: z.number().int().nonnegative().optional(),
  expected: z.number().int().nonnegative().optional(),
  /** Bridge points of an online conference, `237 điểm cầu`. */
  bridgePoints: z.number().int().nonnegative().optional(),
  /** Total participants, `hơn 5.000` -> 5000. */
  total: z.number().int().nonnegative().optional(),
  /** Party members of a cell, `5 đảng viên`. */
  members: z.number().int().nonnegative().optional(),
  /** The figures exactly as printed, e.g. `["35/37", "237 điểm cầu", "hơn 5.000"]`. */
  printed: z.array(z.string()),
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export const EventSchema = z.object({
  type: MeetingKindSchema,
  date: EventDateSchema.nullable(),
  /** True when the year (or the whole date) was not printed next to the meeting and was inferred. */
  dateInferred: z.boolean(),
  /** True for a meeting announced for a later date. */
  planned: z.boolean(),
  organizer: z.string().nullable(),
  chair: PersonSchema.nullable(),
  format: z.enum(['online', 'in-person', 'hybrid']).nullable(),
  attendance: AttendanceSchema.nullable(),
  /** Period a review covers: `6 tháng đầu năm 2023` -> `2023-H1`. */
  coversPeriod: PeriodIdSchema.nullable(),
});
export type MeetingEvent = z.infer<typeof EventSchema>;

export const DocumentSchema = z.object({
  /** Canonical number-and-symbol with Vietnamese letters kept (`24-QĐ/TW`), or null without a full code. */
  code: z.string().nullable(),
  /** `Nghị quyết`, `Chỉ thị`, `Quy định`, `Đề án`, `Kết luận`, `Nghị định`, `Quyết định`, `Luật`, … */
  type: z.string().nullable(),
  number: z.string().nullable(),
  /** Issuer as it appears in the code (`TW`, `TU`, `NĐ-CP`, `UBND`), or null. */
  issuer: z.string().nullable(),
  /** Issuer named in words where the text gives it (`Thành ủy`, `Ban Thường vụ Tỉnh ủy`). */
  issuerName: z.string().nullable(),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  subject: z.string().nullable(),
});
export type CitedDocument = z.infer<typeof DocumentSchema>;

export const SourceSchema = z.object({
  /** File name (CLI) or S3 key (pipeline) the article came from. */
  key: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
});
export type Source = z.infer<typeof SourceSchema>;

export const ArticleSchema = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  /** sha256 (hex) of the decoded, normalised text: equal content gives an equal id. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string().nullable(),
  publishedAt: LocalDateTimeSchema.nullable(),
  author: z.string().nullable(),
  source: SourceSchema,
  places: z.array(z.string()),
  summary: z.string(),
  body: z.string(),
  warnings: z.array(z.string()),
  primaryEvent: EventSchema.nullable(),
  otherEvents: z.array(EventSchema),
  documents: z.array(DocumentSchema),
  people: z.array(PersonSchema),
  /** How the bytes were read: `utf-8`, `utf-16le`, `windows-1258`, `tcvn3`, `vni`, … */
  encoding: z.string(),
  format: z.enum(['text', 'html']),
  /** When the upload arrived (ISO instant), where known. */
  uploadedAt: z.string().nullable(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const RejectionReasonSchema = z.enum([
  'empty',
  'binary',
  'undecodable',
  'too-large',
  /** An upload key bantin cannot derive safe record keys from (`..` segments, names too long, …). */
  'unsafe-key',
  'no-text',
  /** Not an article file (`bantin build`: a type it does not read, e.g. `.xlsx`, or a sidecar without its article). */
  'unsupported-type',
  /** A file that could not be opened (`bantin build`: permissions, a symbolic link to nothing or outside the folder). */
  'unreadable',
]);
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

export const RejectionSchema = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  key: z.string(),
  reason: RejectionReasonSchema,
  /** Human-readable explanation, in English, e.g. `binary file (PDF document)`. */
  message: z.string(),
  bytes: z.number().int().nonnegative(),
  rejectedAt: z.string().nullable(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** What the parser takes: the bytes of one upload plus what is known about it. */
export interface ParseInput {
  bytes: Uint8Array;
  /** File name or S3 key. */
  key: string;
  /** Upload metadata where given. */
  sourceUrl?: string | null;
  publishedAt?: string | null;
  uploadedAt?: string | null;
}

export type ParseResult = { ok: true; article: Article } | { ok: false; rejection: Rejection };
