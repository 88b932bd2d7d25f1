/**
 * The web console's API contract, shared by the router (`lambda/console/api.ts`, pure: no AWS, no
 * HTTP server), its two adapters (`lambda/handlers/console-api.ts` behind API Gateway's JWT
 * authorizer on AWS; the HTTP server of `bantin local` on loopback) and the single-page app
 * (`console/`). Every route lives under `/api/`; the app itself is served from `/`.
 *
 * Routes (group needed → what it does):
 *   GET    /api/session                          reader  → Session
 *   POST   /api/uploads                          editor  → body UploadRequest, answers UploadTicket[]
 *   GET    /api/uploads?keys=k1,k2               reader  → UploadOutcome[] (pending | parsed | rejected)
 *   GET    /api/periods                          reader  → PeriodSummary[]
 *   GET    /api/periods/{period}                 reader  → PeriodDetail (the meetings and their facts)
 *   GET    /api/periods/{period}/download/{fmt}  reader  → DownloadLink (fmt: pdf | docx | html | json)
 *   GET    /api/corrections?key={uploadKey}      reader  → the stored correction or null
 *   PUT    /api/corrections?key={uploadKey}      editor  → body: a correction (docs/schema/correction.schema.json),
 *                                                          validated on the server; 400 with reasons if invalid
 *   DELETE /api/corrections?key={uploadKey}      editor
 *   GET    /api/rejected                         reader  → RejectedUpload[]
 *   GET    /api/rejected/download?key={uploadKey} reader → DownloadLink
 *   DELETE /api/rejected?key={uploadKey}         editor  (deletes the upload and its rejection record)
 * Errors: `{ error: { code, message } }` with 400/401/403/404/413/415; messages are plain sentences.
 */

export type ConsoleGroup = 'editors' | 'readers';

export interface ConsoleUser {
  /** The signed-in user's name (Cognito `username`/`cognito:username`; `local` on loopback). */
  name: string;
  groups: ConsoleGroup[];
}

/** What an adapter hands the router: already authenticated, not yet authorised. */
export interface ConsoleRequest {
  method: string;
  /** The path starting with `/api/`, without the query string, not URL-decoded per segment yet. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or null. */
  body: unknown;
  user: ConsoleUser;
}

export interface ConsoleResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** How a browser sends one file: PUT with these headers, or POST a form with these fields then the file. */
export interface UploadInstruction {
  method: 'PUT' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** POST only: form fields to send before the `file` field. */
  fields?: Record<string, string>;
}

export interface UploadFile {
  name: string;
  /** MIME type the browser reports; only text/plain and text/html (and their charset forms) are allowed. */
  type: string;
  size: number;
  /** Optional: sent as the upload's `source-url` metadata, which the parser already reads. */
  sourceUrl?: string;
  /** Optional ISO 8601 time: sent as the upload's `published-at` metadata. */
  publishedAt?: string;
}

export interface UploadRequest {
  files: UploadFile[];
}

export interface UploadTicket {
  name: string;
  /** The object key the file will have, under `incoming/`. */
  key: string;
  upload: UploadInstruction;
}

/**
 * Signs what browsers may do on the bucket. On AWS: presigned S3 URLs (short-lived); in local mode:
 * URLs of the local console server itself, which writes through the same ObjectStore.
 */
export interface UrlSigner {
  upload(key: string, file: UploadFile, maxBytes: number): Promise<UploadInstruction>;
  download(key: string, fileName: string, contentType: string): Promise<string>;
}

export interface DownloadLink {
  url: string;
  expiresAt: string | null;
}

export interface Session {
  user: ConsoleUser;
  canEdit: boolean;
  /** True on loopback (`bantin local`): no sign-in. */
  local: boolean;
}

export type UploadOutcome =
  | { key: string; state: 'pending' }
  | { key: string; state: 'parsed'; title: string | null; kind: string | null; date: string | null; yearInferred: boolean }
  | { key: string; state: 'rejected'; reason: string; message: string };

export interface PeriodSummary {
  period: string;
  label: string;
  kind: string;
  meetings: number;
  articles: number;
  renderedAt: string | null;
  /** A change is waiting for (or in) a render. */
  rendering: boolean;
  formats: ('pdf' | 'docx' | 'html' | 'json')[];
}

export interface RejectedUpload {
  key: string;
  reason: string;
  message: string;
  at: string | null;
  size: number | null;
}

/** The app's `/config.json`: `{ "auth": null }` on loopback; Cognito settings on AWS. */
export interface ConsoleConfig {
  auth: null | { region: string; userPoolId: string; clientId: string };
  /** Upload limit in bytes, shown to users. */
  maxUploadBytes: number;
}

/* ------------------------------------------------------------------ additions (console-app) */
/*
 * Added routes (same rules as above):
 *   GET    /api/uploads/download?key={uploadKey} reader  → DownloadLink (the uploaded file itself, for a meeting's sources)
 * 400 answers for a correction the server refuses carry `error.problems`: one line per problem.
 */

/** One cited document as a period's meeting lists it. */
export interface DocumentFact {
  key: string;
  code: string | null;
  type: string | null;
  subject: string | null;
}

/** One upload an article came from. */
export interface SourceFact {
  /** The upload key `incoming/…` (downloadable through /api/uploads/download), or a key of another shape. */
  key: string;
  outlet: string | null;
  url: string | null;
  /** True when `key` is an upload key the console can link. */
  upload: boolean;
}

/** One field a correction changed, with the parser's value. */
export interface ChangeFact {
  field: string;
  original: unknown;
  corrected: unknown;
}

/** One article of a period, as its digest tells it. */
export interface ArticleFact {
  id: string;
  title: string | null;
  publishedAt: string | null;
  sources: SourceFact[];
  /** Changes a correction made (empty: as parsed). */
  corrections: ChangeFact[];
}

/** One meeting of a period with its facts, as the last render of the period's digest found them. */
export interface MeetingFact {
  key: string;
  kind: string;
  /** `YYYY-MM-DD`, `--MM-DD` or null. */
  date: string | null;
  dateInferred: boolean;
  planned: boolean;
  organizer: string | null;
  chair: { name: string; position: string | null } | null;
  format: 'online' | 'in-person' | 'hybrid' | null;
  attendance: { present?: number; expected?: number; bridgePoints?: number; total?: number; members?: number; printed: string[] } | null;
  documents: DocumentFact[];
  articles: ArticleFact[];
}

export interface PeriodDetail {
  summary: PeriodSummary;
  /** Null until the period's digest has been rendered once. */
  meetings: MeetingFact[] | null;
  /** Articles reporting no meeting. */
  otherArticles: ArticleFact[];
}
