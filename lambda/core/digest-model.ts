/**
 * Shapes of the aggregation stage. A MonthAggregate holds compact summaries (no article bodies)
 * so quarters, halves and years are combined from months without re-reading articles.
 * A Digest is what the renderers draw and what is stored as `digest.json`.
 *
 * Bump DIGEST_SCHEMA_VERSION on any incompatible change.
 */
import * as z from 'zod';
import { AttendanceSchema, MeetingKindSchema, PersonSchema, RejectionSchema } from './model.ts';
import { REPORT_SECTION_SLUGS } from './sections.ts';

export const DIGEST_SCHEMA_VERSION = 1;

/** `YYYY-MM` or `undated`. */
export const MonthIdSchema = z.string().regex(/^(\d{4}-(0[1-9]|1[0-2])|undated)$/);
/** Any period id or `undated`. */
export const DigestPeriodIdSchema = z.string().regex(/^(\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?|undated)$/);

export const DateBasisSchema = z.enum(['meeting', 'meeting-upload-year', 'published', 'uploaded', 'unknown']);
export type DateBasis = z.infer<typeof DateBasisSchema>;

export const SourceRefSchema = z.object({
  key: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** One field a correction changed (lambda/core/corrections.ts), with the value the parser gave. */
export const CorrectionChangeSchema = z.object({
  /** Source key of the article the correction is for. */
  source: z.string(),
  /** Dotted path in the article record (`primaryEvent.date`, `documents.1.code`), or `meeting` for a meeting label. */
  field: z.string(),
  original: z.unknown(),
  corrected: z.unknown(),
});
export type CorrectionChange = z.infer<typeof CorrectionChangeSchema>;

/** One article as the digest remembers it. */
export const ArticleRefSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  /** Every upload of this content (same id uploaded twice counts once). */
  sources: z.array(SourceRefSchema).min(1),
  /** The date that placed the article in its period, and where it came from. */
  periodDate: z.string().nullable(),
  dateBasis: DateBasisSchema,
  /** Key of the meeting entry the article reports, or null ("other articles"). */
  meetingKey: z.string().nullable(),
  summary: z.string(),
  /** Parser warnings worth showing. */
  warnings: z.array(z.string()),
  /** Present when a correction changed the article: every changed field with its original value. */
  corrections: z.array(CorrectionChangeSchema).optional(),
});
export type ArticleRef = z.infer<typeof ArticleRefSchema>;

export const MeetingEntrySchema = z.object({
  key: z.string(),
  type: MeetingKindSchema,
  /** `YYYY-MM-DD`, `--MM-DD` or null as the parser gave it. */
  date: z.string().nullable(),
  /** The date used for ordering (meeting date or the article's fallback date). */
  sortDate: z.string().nullable(),
  dateInferred: z.boolean(),
  planned: z.boolean(),
  organizer: z.string().nullable(),
  /** Every organiser name the reporting articles gave (used to match reports of the same meeting). */
  organizers: z.array(z.string()),
  chair: PersonSchema.nullable(),
  format: z.enum(['online', 'in-person', 'hybrid']).nullable(),
  attendance: AttendanceSchema.nullable(),
  coversPeriod: z.string().nullable(),
  /** Keys of documents index entries discussed at this meeting. */
  documents: z.array(z.string()),
  people: z.array(PersonSchema),
  summary: z.string(),
  /** Ids of the articles reporting this meeting (see articles for their sources). */
  articleIds: z.array(z.string()).min(1),
});
export type MeetingEntry = z.infer<typeof MeetingEntrySchema>;

export const DocumentEntrySchema = z.object({
  /** The code when there is one (`05-NQ/TU`), else a descriptive key (`Chỉ thị 10 · Thành ủy`). */
  key: z.string(),
  code: z.string().nullable(),
  type: z.string().nullable(),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  issuerName: z.string().nullable(),
  issuedOn: z.string().nullable(),
  subject: z.string().nullable(),
  meetingKeys: z.array(z.string()),
  articleIds: z.array(z.string()),
  firstMention: z.string().nullable(),
  lastMention: z.string().nullable(),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;

export const OfficialEntrySchema = z.object({
  name: z.string(),
  positions: z.array(z.string()),
  /** Meetings this person chaired. */
  chaired: z.array(z.string()),
  /** Meetings where this person is named (spoke, attended, directed). */
  mentioned: z.array(z.string()),
  articleIds: z.array(z.string()),
});
export type OfficialEntry = z.infer<typeof OfficialEntrySchema>;

const aggregateBody = {
  articles: z.array(ArticleRefSchema),
  meetings: z.array(MeetingEntrySchema),
  documents: z.array(DocumentEntrySchema),
  officials: z.array(OfficialEntrySchema),
  rejections: z.array(RejectionSchema),
};

export const MonthAggregateSchema = z.object({
  schemaVersion: z.literal(DIGEST_SCHEMA_VERSION),
  periodId: MonthIdSchema,
  ...aggregateBody,
});
export type MonthAggregate = z.infer<typeof MonthAggregateSchema>;

export const CountSchema = z.object({ key: z.string(), count: z.number().int().nonnegative() });

/**
 * A figure summed over meetings, only over the figures the articles printed: `total` is null when
 * no meeting printed one (a digest never guesses a figure).
 */
export const FigureSumSchema = z.object({
  total: z.number().int().nonnegative().nullable(),
  /** Meetings whose printed figure is in `total`. */
  printed: z.number().int().nonnegative(),
  /** Meetings counted (printed or not). */
  meetings: z.number().int().nonnegative(),
  /** Some figure in the sum was printed as a bound or estimate (`hơn 5.000`): the total is at least this. */
  approximate: z.boolean(),
});
export type FigureSum = z.infer<typeof FigureSumSchema>;

export const ReportSectionKeySchema = z.enum(REPORT_SECTION_SLUGS);

/** The meetings of one area of work (lambda/core/sections.ts maps meeting kinds to sections). */
export const ReportSectionSchema = z.object({
  key: ReportSectionKeySchema,
  count: z.number().int().nonnegative(),
  /** Keys of the section's meetings, in the digest's meeting order. */
  meetingKeys: z.array(z.string()),
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

/** How one document was disseminated in the period: the meetings that discussed it and their printed figures. */
export const LedgerEntrySchema = z.object({
  /** Key of the documents index entry. */
  document: z.string(),
  /** Meetings that discussed it, in date order. */
  meetingKeys: z.array(z.string()).min(1),
  /** Units that held those meetings (as printed; meetings without one are not listed). */
  organizers: z.array(z.string()),
  first: z.string().nullable(),
  last: z.string().nullable(),
  bridgePoints: FigureSumSchema,
  /** Participants: per meeting the printed total, else present, else Party members. */
  attendance: FigureSumSchema,
  /** `X/Y` present of expected, where printed. */
  presentOfExpected: z.array(z.object({ meetingKey: z.string(), present: z.number().int().nonnegative(), expected: z.number().int().nonnegative() })),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The figures a report compares between periods. */
export const ReportFiguresSchema = z.object({
  meetings: z.number().int().nonnegative(),
  /** Every section, in report order. */
  meetingsBySection: z.array(z.object({ key: ReportSectionKeySchema, count: z.number().int().nonnegative() })),
  /** Documents discussed at one meeting or more. */
  documentsDisseminated: z.number().int().nonnegative(),
  attendance: FigureSumSchema,
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const ComparisonSchema = z.object({
  /** `previous`: the period of the same length just before; `year-earlier`: the same period a year before. */
  basis: z.enum(['previous', 'year-earlier']),
  periodId: DigestPeriodIdSchema,
  /** null when nothing is known of the compared period (no article, no rejection). */
  figures: ReportFiguresSchema.nullable(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const DigestSchema = z.object({
  schemaVersion: z.literal(DIGEST_SCHEMA_VERSION),
  /** Set by the pipeline each time a period is rebuilt; 0 for local builds. */
  generation: z.number().int().nonnegative(),
  periodId: DigestPeriodIdSchema,
  kind: z.enum(['month', 'quarter', 'half', 'year', 'undated']),
  /** First and last day (null for `undated`). */
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** ISO instant; derived from the input (latest article time) unless given, so output is reproducible. */
  generatedAt: z.string(),
  months: z.array(z.string()),
  ...aggregateBody,
  counts: z.object({
    articles: z.number().int().nonnegative(),
    meetings: z.number().int().nonnegative(),
    documents: z.number().int().nonnegative(),
    officials: z.number().int().nonnegative(),
    otherArticles: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    /** Articles placed by publication or upload date instead of the meeting date. */
    fallbackDated: z.number().int().nonnegative(),
  }),
  meetingsByKind: z.array(CountSchema),
  meetingsByMonth: z.array(CountSchema),
  /** Meetings by area of work, every section in report order. */
  sections: z.array(ReportSectionSchema),
  /** One entry per document discussed at a meeting of the period, in the documents index order. */
  ledger: z.array(LedgerEntrySchema),
  figures: ReportFiguresSchema,
  /** Against the previous period of the same length and the same period a year earlier (one entry for a year; none for `undated`). */
  comparisons: z.array(ComparisonSchema),
});
export type Digest = z.infer<typeof DigestSchema>;
