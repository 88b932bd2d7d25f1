/**
 * The repository is self-contained: no tracked file names an absolute path of a particular machine
 * (tests carry their data in test/eval; the corpus comes from ../shared/corpus or BANTIN_CORPUS).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/data.ts';

/** Home and work folders of developer machines; built from parts so this file does not match itself. */
const MACHINE_PATH = new RegExp(['/wo' + 'rk/', '/ho' + 'me/[a-z]', '/Us' + 'ers/[A-Z]', '/ro' + 'ot/'].map((p) => `(?<![\\w.])${p}`).join('|'));

describe('repository', () => {
  it('names no absolute machine path in any tracked text file', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const file of files) {
      if (file === 'package-lock.json' || !/\.(?:ts|js|mjs|json|md|sh|yml|yaml|txt|hbs|tsv)$|(?:^|\/)run$/.test(file)) continue;
      const text = readFileSync(join(REPO, file), 'utf8');
      const m = MACHINE_PATH.exec(text);
      if (m) offenders.push(`${file}: …${text.slice(Math.max(0, m.index - 20), m.index + 30)}…`);
    }
    expect(offenders).toEqual([]);
  });

  it('would catch one', () => {
    expect(MACHINE_PATH.test('const SEEDS = "/wo' + 'rk/shared/seeds";')).toBe(true);
    expect(MACHINE_PATH.test('read ../shared/corpus')).toBe(false);
  });
});
