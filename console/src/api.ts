/** Calls of the console API (`/api/*`), with the signed-in user's token; errors carry the server's sentence. */
import { idToken, refreshIdToken } from './auth.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Called on a 401 (the token expired): the app shows the sign-in form again. */
export let onUnauthorised: () => void = () => undefined;
export const setOnUnauthorised = (fn: () => void): void => void (onUnauthorised = fn);

export async function api<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = idToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiFailure(0, 'the server cannot be reached');
  }
  const value = (await res.json().catch(() => null)) as { error?: { message?: string; problems?: string[] } } | null;
  if (res.status === 401) {
    // An expired token: one new one from the refresh token, then the same call again.
    if (!retried && (await refreshIdToken())) return api<T>(method, path, body, true);
    onUnauthorised();
  }
  if (!res.ok) throw new ApiFailure(res.status, value?.error?.message ?? `HTTP ${res.status}`, value?.error?.problems ?? []);
  return value as T;
}

export const q = (params: Record<string, string>): string => `?${new URLSearchParams(params).toString()}`;

/** Asks for a download link and follows it (the browser saves the file). */
export async function download(path: string): Promise<void> {
  const link = await api<{ url: string }>('GET', path);
  const a = document.createElement('a');
  a.href = link.url;
  a.download = '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
