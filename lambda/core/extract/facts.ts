/**
 * Meeting, document, people, place and summary extraction from a cleaned article.
 * Pure: text in, facts out. Never throws; every guess is reported in `warnings`.
 */
import type { CitedDocument, MeetingEvent, Person } from '../model.ts';
import { buildYearContext } from './years.ts';
import { extractDocuments } from './documents.ts';
import { findMeetings } from './meetings.ts';
import { collectPeople, findPersonMentions, type PersonMention } from './people.ts';
import { extractPlaces } from './places.ts';
import { summarise } from './summary.ts';
import { normalizeForExtraction, normalizeTextForExtraction, splitParagraphs, splitSentences } from './vietnamese.ts';
import { startArticle } from './text-memo.ts';

export interface FactsInput {
  title: string | null;
  /** Cleaned body, paragraphs separated by "\n\n", page chrome removed. */
  body: string;
  /** `YYYY-MM-DDTHH:mm` or `YYYY-MM-DD`, when the page gives one: anchors years missing from meeting dates. */
  publishedAt: string | null;
  /** Names that must not be listed as officials (the byline author, photographers). */
  notPeople?: string[];
  /**
   * Title and body are `normaliseText` output (decode.ts), as `parseArticle` passes them: NFC, without
   * invisible characters or odd spaces, so only the tone marks are left to normalise.
   */
  normalised?: boolean;
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

/** Longest body looked at: more is not an article and would only cost time. */
const MAX_BODY = 200_000;

export function extractFacts(input: FactsInput): Facts {
  try {
    return extract(input);
  } catch (error) {
    // Only a bug gets here; an article without facts is better than a failed batch.
    const message = error instanceof Error ? error.message : String(error);
    return { primaryEvent: null, otherEvents: [], documents: [], people: [], places: [], summary: '', warnings: [`facts extraction failed: ${message}`] };
  }
}

function extract(input: FactsInput): Facts {
  const warnings: string[] = [];
  const normalise = input.normalised ? normalizeTextForExtraction : normalizeForExtraction;
  let body = normalise(input.body ?? '');
  if (body.length > MAX_BODY) {
    body = body.slice(0, MAX_BODY);
    warnings.push(`body longer than ${MAX_BODY} characters; facts taken from the first ${MAX_BODY}`);
  }
  const title = normalise(input.title ?? '');
  const sentences = splitSentences(splitParagraphs(body));
  const fullText = title ? `${title}\n\n${body}` : body;
  /** The title, then sentence i as text number i + 1 (text-memo.ts). */
  const texts = [title, ...sentences.map((s) => s.text)];
  startArticle(texts);

  const documents = extractDocuments(fullText);
  const places = extractPlaces(fullText);

  const excluded = new Set((input.notPeople ?? []).map((n) => n.trim()));
  const mentions: PersonMention[] = [];
  for (let at = 0; at < texts.length; at++) {
    if (texts[at]) for (const mention of findPersonMentions(texts[at]!, at)) mentions.push(mention);
  }
  const people = collectPeople(mentions).filter((p) => !excluded.has(p.name));

  const yearContext = buildYearContext(texts, input.publishedAt, documents);
  const meetings = findMeetings({ title, sentences, yearContext, publishedAt: input.publishedAt });
  warnings.push(...meetings.warnings);
  if (meetings.primary?.chair && excluded.has(meetings.primary.chair.name)) meetings.primary.chair = null;
  if (!meetings.primary) warnings.push('no meeting report found (not a meeting article?)');

  return {
    primaryEvent: meetings.primary,
    otherEvents: meetings.others,
    documents,
    people,
    places,
    summary: summarise(sentences, meetings.anchorSentence),
    warnings,
  };
}
