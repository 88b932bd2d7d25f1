/**
 * Sign-in against Cognito (when /config.json names a user pool): USER_PASSWORD_AUTH through
 * InitiateAuth, NEW_PASSWORD_REQUIRED (users are created with a temporary password) through
 * RespondToAuthChallenge. The IdToken is kept in sessionStorage and sent as a Bearer token; when it
 * expires (an hour by default) the refresh token Cognito gave with it gets a new one
 * (REFRESH_TOKEN_AUTH) without asking for the password again.
 */
import type { ConsoleConfig } from '../../lambda/console/contract.ts';

type Auth = NonNullable<ConsoleConfig['auth']>;
const TOKEN_KEY = 'bantin.console.idToken';
const REFRESH_KEY = 'bantin.console.refreshToken';

export const idToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
}

/** The pool the app signs in to (set from /config.json), for refreshing the token. */
let pool: Auth | null = null;
export const useAuth = (auth: Auth | null): void => void (pool = auth);

export type SignInResult = { done: true } | { done: false; challenge: 'NEW_PASSWORD_REQUIRED'; session: string };

async function cognito(auth: Auth, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`https://cognito-idp.${auth.region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(String(body.message ?? body.__type ?? `HTTP ${res.status}`));
  return body;
}

function finish(body: Record<string, unknown>): SignInResult {
  const result = body.AuthenticationResult as { IdToken?: string; RefreshToken?: string } | undefined;
  if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { done: false, challenge: 'NEW_PASSWORD_REQUIRED', session: String(body.Session) };
  if (!result?.IdToken) throw new Error(body.ChallengeName ? `unsupported sign-in step ${String(body.ChallengeName)}` : 'no token in the answer');
  sessionStorage.setItem(TOKEN_KEY, result.IdToken);
  // A refresh answers without a new refresh token: the one kept stays valid.
  if (result.RefreshToken) sessionStorage.setItem(REFRESH_KEY, result.RefreshToken);
  return { done: true };
}

/** A new IdToken from the refresh token; false when there is none or Cognito refuses it (sign in again). */
export async function refreshIdToken(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!pool || !refreshToken) return false;
  try {
    return finish(await cognito(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } })).done;
  } catch {
    signOut();
    return false;
  }
}

export async function signIn(auth: Auth, username: string, password: string): Promise<SignInResult> {
  return finish(await cognito(auth, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: auth.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
}

export async function setNewPassword(auth: Auth, username: string, newPassword: string, session: string): Promise<SignInResult> {
  return finish(
    await cognito(auth, 'RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: auth.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
    }),
  );
}
