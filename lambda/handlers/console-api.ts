/**
 * Console API Lambda: API Gateway HTTP API (payload 2.0) events, already authenticated by the
 * API's JWT authorizer (Cognito), turned into a ConsoleRequest for the router
 * (lambda/console/api.ts), whose ConsoleResponse becomes the HTTP answer. The router authorises
 * by group; this adapter only says who the user is, and refuses methods its function is not for:
 * the stack runs this file twice, as a read-only `reader` function (GET) and an `editor` function
 * (POST, PUT, DELETE), each with only the bucket access its routes need. Errors answer
 * `{ error: { code, message } }`, never a stack trace; logs are JSON lines without bodies.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handleConsoleRequest } from '../console/api.ts';
import type { ConsoleGroup, ConsoleRequest, ConsoleResponse, ConsoleUser } from '../console/contract.ts';
import { S3UrlSigner } from '../console/s3-signer.ts';
import { errorFields, type Logger } from '../pipeline/log.ts';
import { createS3Client } from '../storage/s3.ts';
import { JsonLogger } from './logger.ts';
import { lazy, runtimeFromEnv } from './runtime.ts';

export type ConsoleRole = 'reader' | 'editor';

/** The methods each function answers (the HTTP API routes only these to it; anything else is refused here too). */
export const ROLE_METHODS: Record<ConsoleRole, readonly string[]> = {
  reader: ['GET'],
  editor: ['POST', 'PUT', 'DELETE'],
};

const GROUPS: readonly ConsoleGroup[] = ['editors', 'readers'];

/**
 * The groups of a Cognito token's `cognito:groups` claim. API Gateway's JWT authorizer hands
 * array claims over flattened to a string, `[editors readers]`; other integrations (and tests)
 * pass the array, or a JSON array string, or a comma-separated list. Unknown groups are dropped.
 */
export function groupsFromClaim(claim: unknown): ConsoleGroup[] {
  let names: unknown[];
  if (Array.isArray(claim)) names = claim;
  else if (typeof claim === 'string') {
    const text = claim.trim();
    let parsed: unknown = null;
    if (text.startsWith('["')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    names = Array.isArray(parsed) ? parsed : text.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  } else names = [];
  const found = new Set(names.filter((n): n is string => typeof n === 'string').map((n) => n.trim()));
  return GROUPS.filter((g) => found.has(g));
}

/** The signed-in user from the verified JWT claims (ID token: `cognito:username`; access token: `username`), or null. */
export function userFromClaims(claims: Record<string, unknown> | undefined | null): ConsoleUser | null {
  if (!claims) return null;
  const name = [claims['cognito:username'], claims.username, claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!name) return null;
  return { name, groups: groupsFromClaim(claims['cognito:groups']) };
}

export class BadRequest extends Error {
  override readonly name = 'BadRequest';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body as JSON (base64 when API Gateway says so), or null when there is none. The
 * Content-Type is not checked: a browser's fetch of a string body says text/plain, and the
 * request is authenticated by its Authorization header, never by a cookie a form could carry.
 */
export function decodeBody(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'body' | 'isBase64Encoded'>): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return null;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest(400, 'bad-json', 'The request body is not valid JSON.');
  }
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

function httpResponse(response: ConsoleResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...response.headers };
  if (response.status === 204 || response.body === undefined) return { statusCode: response.status, headers };
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(response.body),
  };
}

export interface ConsoleApiHandlerDeps {
  /** Which function this is; unset answers every method (tests, a single-function setup). */
  role?: ConsoleRole;
  /** The router with its dependencies bound. */
  handle: (request: ConsoleRequest) => Promise<ConsoleResponse>;
  log: Logger;
  setLogContext?: (fields: Record<string, unknown>) => void;
}

export type ConsoleApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context?: Pick<Context, 'awsRequestId'>,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function createConsoleApiHandler(deps: ConsoleApiHandlerDeps): ConsoleApiHandler {
  return async (event, context) => {
    const started = Date.now();
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? null;
    deps.setLogContext?.({ requestId });
    const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
    const path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
    const user = userFromClaims(event.requestContext?.authorizer?.jwt?.claims);
    let response: ConsoleResponse;
    try {
      if (!user) response = { status: 401, body: errorBody('unauthorized', 'Sign in to use the console.') };
      else if (deps.role && !ROLE_METHODS[deps.role].includes(method)) {
        response = { status: 405, body: errorBody('method-not-allowed', `${method} is not answered here.`), headers: { allow: ROLE_METHODS[deps.role].join(', ') } };
      } else {
        const request: ConsoleRequest = { method, path, query: { ...(event.queryStringParameters ?? {}) } as Record<string, string>, body: decodeBody(event), user };
        response = await deps.handle(request);
      }
    } catch (error) {
      if (error instanceof BadRequest) response = { status: error.status, body: errorBody(error.code, error.message) };
      else {
        deps.log.error('console request failed', { method, path, ...errorFields(error) });
        response = { status: 500, body: errorBody('internal', `Something went wrong on the server; try again, and if it persists give the operator this id: ${requestId ?? 'unknown'}.`) };
      }
    }
    deps.log.info('console request', { method, path, status: response.status, user: user?.name ?? null, groups: user?.groups ?? [], ms: Date.now() - started });
    return httpResponse(response);
  };
}

function roleFromEnv(value: string | undefined): ConsoleRole {
  if (value === 'reader' || value === 'editor') return value;
  throw new Error(`BANTIN_CONSOLE_ROLE must be reader or editor, got ${JSON.stringify(value)}`);
}

const logger = new JsonLogger('bantin-console-api');
const fromEnv = lazy(() => {
  const { store, bucket, config } = runtimeFromEnv();
  // Presigned URLs carry no checksum of an empty body (see S3UrlSigner).
  const signer = new S3UrlSigner(createS3Client(process.env, { requestChecksumCalculation: 'WHEN_REQUIRED' }), bucket);
  const routerDeps: Parameters<typeof handleConsoleRequest>[1] = { store, signer, config, maxUploadBytes: config.maxUploadBytes, log: logger, local: false };
  return createConsoleApiHandler({
    role: roleFromEnv(process.env.BANTIN_CONSOLE_ROLE),
    handle: (request) => handleConsoleRequest(request, routerDeps),
    log: logger,
    setLogContext: (f) => logger.setContext(f),
  });
});

export const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context): Promise<APIGatewayProxyStructuredResultV2> => fromEnv()(event, context);
