/**
 * Meeting, document, people, place and summary extraction from a cleaned article.
 * Pure: text in, facts out. (Stub: being implemented.)
 */
import type { CitedDocument, MeetingEvent, Person } from '../model.ts';

export interface FactsInput {
  title: string | null;
  /** Cleaned body, paragraphs separated by "\n\n", page chrome removed. */
  body: string;
  /** `YYYY-MM-DDTHH:mm` or `YYYY-MM-DD`, when the page gives one: anchors years missing from meeting dates. */
  publishedAt: string | null;
}

export interface Facts {
  primaryEvent: MeetingEvent | null;
  otherEvents: MeetingEvent[];
  documents: CitedDocument[];
  people: Person[];
  places: string[];
  summary: string;
  warnings: string[];
}

export function extractFacts(input: FactsInput): Facts {
  return { primaryEvent: null, otherEvents: [], documents: [], people: [], places: [], summary: '', warnings: [] };
}
