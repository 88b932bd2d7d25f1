/**
 * Where the renderers find their templates and fonts.
 *
 * In a Lambda bundle, templates/ and fonts/*.ttf are copied next to the handler and
 * BANTIN_ASSETS_DIR points there. Locally, templates/ is at the repository root and the
 * Be Vietnam Pro TTFs come from node_modules/@expo-google-fonts/be-vietnam-pro.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function assetsRoot(): string {
  const fromEnv = process.env.BANTIN_ASSETS_DIR;
  return fromEnv && fromEnv.trim() ? path.resolve(fromEnv) : REPO_ROOT;
}

export function templatesDir(): string {
  return path.join(assetsRoot(), 'templates');
}

export type FontFace = 'regular' | 'medium' | 'semibold' | 'bold' | 'italic';

const FONT_FILES: Record<FontFace, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  medium: '500Medium/BeVietnamPro_500Medium.ttf',
  semibold: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
};

/** The TTF file names a Lambda bundle must copy into `${BANTIN_ASSETS_DIR}/fonts/`. */
export const FONT_FILE_NAMES: readonly string[] = Object.values(FONT_FILES).map((f) => path.basename(f));

/** Path of one Be Vietnam Pro face: `${root}/fonts/<file>.ttf` first, then the npm package. */
export function fontPath(face: FontFace): string {
  const rel = FONT_FILES[face];
  const candidates = [
    path.join(assetsRoot(), 'fonts', path.basename(rel)),
    path.join(assetsRoot(), 'node_modules/@expo-google-fonts/be-vietnam-pro', rel),
    path.join(REPO_ROOT, 'node_modules/@expo-google-fonts/be-vietnam-pro', rel),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`Font ${path.basename(rel)} not found; looked in:\n  ${candidates.join('\n  ')}`);
  return found;
}
