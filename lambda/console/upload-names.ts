/**
 * Where a browser upload goes: `incoming/<yyyy-mm-dd>/<safe name>`, the day in the configured time
 * zone. The name keeps what a person recognises (letters with tone marks, digits, spaces) and loses
 * what a key must not hold (folders, control characters, commas that would split `?keys=`), and is
 * cut to what every store keeps (key-safety.ts). A name already taken that day gets `-2`, `-3`…
 */
import { localDate, type PipelineConfig } from '../pipeline/config.ts';
import { LOCAL_MAX_SEGMENT_BYTES, uploadKeyProblem } from '../pipeline/key-safety.ts';
import { INCOMING, relativeUploadKey } from '../pipeline/keys.ts';
import { ARTICLE_EXTENSIONS } from '../storage/local-folder.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { badRequest } from './errors.ts';

const UNSAFE = /[\u0000-\u001f\u007f/\\,?#%*:|"<>]+/g;

/** The extension of a name, lower-cased, with its dot (`.txt`), or ''. */
export function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

export const isArticleName = (name: string): boolean => ARTICLE_EXTENSIONS.includes(extensionOf(name));

function cutToBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

/** A file name that is one safe key segment, at most `maxBytes` long, extension kept. */
export function safeName(name: string, maxBytes: number): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const ext = extensionOf(base);
  let stem = base.slice(0, base.length - ext.length).replace(UNSAFE, '-').replace(/\s+/g, ' ').trim().replace(/^[.\s-]+/, '');
  if (stem === '') stem = 'bai';
  return `${cutToBytes(stem, maxBytes - Buffer.byteLength(ext, 'utf8') - 4).trimEnd()}${ext}`;
}

/** Keys for a set of names: distinct from each other and from what the store already holds that day. */
export async function uploadKeysFor(names: string[], store: ObjectStore, config: PipelineConfig, now: Date): Promise<string[]> {
  const day = localDate(now, config.timeZone);
  const folder = `${INCOMING}${day}/`;
  const limit = Math.min(config.maxKeySegmentBytes ?? LOCAL_MAX_SEGMENT_BYTES, LOCAL_MAX_SEGMENT_BYTES);
  const taken = new Set((await store.list(folder)).map((o) => o.key));
  return names.map((name) => {
    const safe = safeName(name, limit);
    const ext = extensionOf(safe);
    const stem = safe.slice(0, safe.length - ext.length);
    let key = `${folder}${safe}`;
    for (let n = 2; taken.has(key); n++) key = `${folder}${stem}-${n}${ext}`;
    taken.add(key);
    const problem = uploadKeyProblem(key, relativeUploadKey(key), config);
    if (problem) throw badRequest(`The file name "${name.slice(0, 100)}" cannot be used: ${problem}.`);
    return key;
  });
}
