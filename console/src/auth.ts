/**
 * Sign-in against Cognito (when /config.json names a user pool): USER_PASSWORD_AUTH through
 * InitiateAuth, NEW_PASSWORD_REQUIRED (users are created with a temporary password) through
 * RespondToAuthChallenge. The IdToken is kept in sessionStorage and sent as a Bearer token.
 */
import type { ConsoleConfig } from '../../lambda/console/contract.ts';

type Auth = NonNullable<ConsoleConfig['auth']>;
const TOKEN_KEY = 'bantin.console.idToken';

export const idToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const signOut = (): void => sessionStorage.removeItem(TOKEN_KEY);

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
  const result = body.AuthenticationResult as { IdToken?: string } | undefined;
  if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { done: false, challenge: 'NEW_PASSWORD_REQUIRED', session: String(body.Session) };
  if (!result?.IdToken) throw new Error(body.ChallengeName ? `unsupported sign-in step ${String(body.ChallengeName)}` : 'no token in the answer');
  sessionStorage.setItem(TOKEN_KEY, result.IdToken);
  return { done: true };
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
