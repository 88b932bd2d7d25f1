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
  /**
   * Summary digests only: the full counts, when `chaired`, `mentioned` and `articleIds` list only the
   * meetings and articles the digest shows.
   */
  totals: z.object({ chaired: z.number().int().nonnegative(), mentioned: z.number().int().nonnegative(), articles: z.number().int().nonnegative() }).optional(),
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
  /** Meetings that discussed it, in date order (in a summary digest: only those it shows, maybe none). */
  meetingKeys: z.array(z.string()),
  /** Summary digests only: how many meetings discussed it (`meetingKeys` lists only the meetings shown). */
  meetings: z.number().int().nonnegative().optional(),
  /** Units that held those meetings (as printed; meetings without one are not listed). */
  organizers: z.array(z.string()),
  /** Summary digests only, when `organizers` lists only the first of them: how many units there are. */
  organizersTotal: z.number().int().nonnegative().optional(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  bridgePoints: FigureSumSchema,
  /** Participants: per meeting the printed total, else present, else Party members. */
  attendance: FigureSumSchema,
  /** `X/Y` present of expected, where printed. */
  presentOfExpected: z.array(z.object({ meetingKey: z.string(), present: z.number().int().nonnegative(), expected: z.number().int().nonnegative() })),
  /** Summary digests only: `presentOfExpected` summed over every meeting (the list is then empty). */
  presentOfExpectedSum: z.object({ present: z.number().int().nonnegative(), expected: z.number().int().nonnegative(), meetings: z.number().int().nonnegative() }).optional(),
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
  /**
   * Present when the period had more meetings than the render cap: the digest was made from the
   * month summaries (PeriodSummary) and lists only the top meetings of each section, their articles,
   * the most active officials, and links to each month's digest; counts, figures, the ledger and
   * comparisons still cover every meeting.
   */
  summary: z
    .object({
      /** The meeting count above which a period is rendered as a summary (`BANTIN_SUMMARY_MEETINGS`). */
      meetingCap: z.number().int().positive(),
      /** Meetings shown per section (most reporting articles, then most participants). */
      topPerSection: z.number().int().positive(),
      /** Officials shown (most meetings chaired, then named). */
      topOfficials: z.number().int().positive(),
      months: z.array(
        z.object({
          periodId: MonthIdSchema,
          articles: z.number().int().nonnegative(),
          meetings: z.number().int().nonnegative(),
          /** The month's digest, relative to this digest's folder (null in a one-machine build). */
          href: z.string().nullable(),
          /** The month's digest is itself a summary (the month alone is above the cap). */
          summary: z.boolean(),
        }),
      ),
      /**
       * Every meeting of the period with its articles, one JSON object a line (meeting, articles), relative
       * to this digest's folder: written for a month above the cap (null otherwise, the months' digests list them).
       */
      meetingsFile: z.string().nullable(),
    })
    .optional(),
});
export type Digest = z.infer<typeof DigestSchema>;
export type DigestSummary = NonNullable<Digest['summary']>;

/* ---------------------------------------------------------------- summaries */

const count = z.number().int().nonnegative();

/** A document of a summary: the documents index entry without its (unbounded) meeting and article lists. */
export const SummaryDocumentSchema = DocumentEntrySchema.omit({ meetingKeys: true, articleIds: true }).extend({ meetings: count, articles: count });
export type SummaryDocument = z.infer<typeof SummaryDocumentSchema>;

/** One ledger row of a summary: counts and sums only, so it is bounded by documents, not articles. */
export const SummaryLedgerEntrySchema = z.object({
  document: z.string(),
  meetings: count,
  organizers: z.array(z.string()),
  first: z.string().nullable(),
  last: z.string().nullable(),
  bridgePoints: FigureSumSchema,
  attendance: FigureSumSchema,
  presentOfExpected: z.object({ present: count, expected: count, meetings: count }),
});
export type SummaryLedgerEntry = z.infer<typeof SummaryLedgerEntrySchema>;

export const SummaryOfficialSchema = z.object({ name: z.string(), positions: z.array(z.string()), chaired: count, mentioned: count, articles: count });
export type SummaryOfficial = z.infer<typeof SummaryOfficialSchema>;

/** A top meeting candidate with the articles that report it (at most a few kept). */
export const TopMeetingSchema = z.object({ meeting: MeetingEntrySchema, articles: z.array(ArticleRefSchema) });
export type TopMeeting = z.infer<typeof TopMeetingSchema>;

/**
 * The mergeable summary of a month (`state/summaries/<month>.json`) or of several months reduced
 * together. Its size is bounded by documents, officials and sections, not by articles. Meetings of
 * different months are distinct (reports of one meeting share its date), so counts and sums add.
 */
export const PeriodSummarySchema = z.object({
  schemaVersion: z.literal(DIGEST_SCHEMA_VERSION),
  /** The months reduced into it, sorted. */
  months: z.array(MonthIdSchema),
  counts: z.object({ articles: count, meetings: count, otherArticles: count, rejected: count, fallbackDated: count }),
  /** Per month reduced: its own articles and meetings (for the links to month digests). */
  perMonth: z.array(z.object({ key: MonthIdSchema, articles: count, meetings: count })),
  meetingsByKind: z.array(CountSchema),
  /** Meetings by the month of their date (`undated` when none), as in a digest. */
  meetingsByMonth: z.array(CountSchema),
  sections: z.array(z.object({ key: ReportSectionKeySchema, count })),
  attendance: FigureSumSchema,
  documents: z.array(SummaryDocumentSchema),
  ledger: z.array(SummaryLedgerEntrySchema),
  officials: z.array(SummaryOfficialSchema),
  /** Per section, the top meetings (most reporting articles, then most participants), best first. */
  top: z.array(z.object({ key: ReportSectionKeySchema, meetings: z.array(TopMeetingSchema) })),
});
export type PeriodSummary = z.infer<typeof PeriodSummarySchema>;
