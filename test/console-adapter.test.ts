/**
 * The console's API Gateway adapter (lambda/handlers/console-api.ts): HTTP API v2 events with JWT
 * claims in, ConsoleRequest to the router, the router's answer out as HTTP; groups from the
 * `cognito:groups` claim in every shape it arrives in; bodies (plain or base64); errors as
 * `{ error: { code, message } }` without stack traces; one JSON log line per request.
 */
import { Writable } from 'node:stream';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { ConsoleRequest, ConsoleResponse } from '../lambda/console/contract.ts';
import { createConsoleApiHandler, decodeBody, groupsFromClaim, userFromClaims, type ConsoleRole } from '../lambda/handlers/console-api.ts';
import { JsonLogger } from '../lambda/handlers/logger.ts';

function event(overrides: { method?: string; path?: string; query?: Record<string, string>; body?: string; base64?: boolean; claims?: Record<string, unknown> | null } = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/api/session';
  return {
    version: '2.0',
    routeKey: `${method} /api/{proxy+}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(overrides.query ?? {}).toString(),
    headers: { 'content-type': 'application/json' },
    queryStringParameters: overrides.query,
    body: overrides.body,
    isBase64Encoded: overrides.base64 ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} /api/{proxy+}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer:
        overrides.claims === null
          ? (undefined as never)
          : { principalId: '', integrationLatency: 0, jwt: { claims: (overrides.claims ?? { 'cognito:username': 'lan', 'cognito:groups': '[editors readers]' }) as Record<string, string>, scopes: [] } },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** A handler whose router records what it got and answers `answer` (or throws it). */
function harness(answer: ConsoleResponse | Error = { status: 200, body: { ok: true } }, role?: ConsoleRole) {
  const seen: ConsoleRequest[] = [];
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = new JsonLogger('bantin-console-api', { stdout: sink, stderr: sink });
  const handler = createConsoleApiHandler({
    role,
    log,
    setLogContext: (f) => log.setContext(f),
    handle: async (request) => {
      seen.push(request);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { handler, seen, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('groups and user from the JWT claims', () => {
  it('reads cognito:groups as API Gateway flattens it, as a list, as JSON, or comma-separated; drops unknown groups', () => {
    expect(groupsFromClaim('[editors readers]')).toEqual(['editors', 'readers']);
    expect(groupsFromClaim('[readers]')).toEqual(['readers']);
    expect(groupsFromClaim(['readers', 'editors'])).toEqual(['editors', 'readers']);
    expect(groupsFromClaim('["editors"]')).toEqual(['editors']);
    expect(groupsFromClaim('editors,readers')).toEqual(['editors', 'readers']);
    expect(groupsFromClaim('[admins editors-old readers2]')).toEqual([]);
    expect(groupsFromClaim('[]')).toEqual([]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim(42)).toEqual([]);
  });

  it('names the user from an ID token (cognito:username) or an access token (username); no name, no user', () => {
    expect(userFromClaims({ 'cognito:username': 'lan', 'cognito:groups': '[readers]', sub: 'abc' })).toEqual({ name: 'lan', groups: ['readers'] });
    expect(userFromClaims({ username: 'minh', 'cognito:groups': ['editors'] })).toEqual({ name: 'minh', groups: ['editors'] });
    expect(userFromClaims({ sub: 'only-sub' })).toEqual({ name: 'only-sub', groups: [] });
    expect(userFromClaims({})).toBeNull();
    expect(userFromClaims(undefined)).toBeNull();
  });
});

describe('body decoding', () => {
  it('parses JSON bodies, plain or base64, and treats an empty body as null', () => {
    const correction = { schemaVersion: 1, title: 'Hội nghị sơ kết 6 tháng' };
    expect(decodeBody({ body: JSON.stringify(correction), isBase64Encoded: false })).toEqual(correction);
    expect(decodeBody({ body: Buffer.from(JSON.stringify(correction), 'utf8').toString('base64'), isBase64Encoded: true })).toEqual(correction);
    expect(decodeBody({ body: undefined, isBase64Encoded: false })).toBeNull();
    expect(decodeBody({ body: '', isBase64Encoded: true })).toBeNull();
    expect(decodeBody({ body: '  \n', isBase64Encoded: false })).toBeNull();
  });

  it('answers 400 bad-json for a body that is not JSON, without calling the router', async () => {
    const { handler, seen } = harness();
    const res = await handler(event({ method: 'PUT', path: '/api/corrections', query: { key: 'incoming/a.txt' }, body: '{"title": ' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!)).toEqual({ error: { code: 'bad-json', message: 'The request body is not valid JSON.' } });
    expect(seen).toEqual([]);
  });
});

describe('handler', () => {
  it('hands the router method, raw path, query, body and user, and answers its status and JSON body', async () => {
    const { handler, seen } = harness({ status: 201, body: [{ name: 'a.txt', key: 'incoming/a.txt' }], headers: { 'x-extra': '1' } });
    const body = { files: [{ name: 'Hội nghị.txt', type: 'text/plain', size: 12 }] };
    const res = await handler(event({ method: 'POST', path: '/api/uploads', body: Buffer.from(JSON.stringify(body)).toString('base64'), base64: true }), { awsRequestId: 'r-1' });
    expect(seen).toEqual([{ method: 'POST', path: '/api/uploads', query: {}, body, user: { name: 'lan', groups: ['editors', 'readers'] } }]);
    expect(res.statusCode).toBe(201);
    expect(res.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-extra': '1' });
    expect(JSON.parse(res.body!)).toEqual([{ name: 'a.txt', key: 'incoming/a.txt' }]);
  });

  it('passes the path still percent-encoded and the query as API Gateway decoded it', async () => {
    const { handler, seen } = harness();
    await handler(event({ path: '/api/periods/2026-03/download/pdf', query: { key: 'incoming/thư mục/a b.txt' } }));
    expect(seen[0]).toMatchObject({ path: '/api/periods/2026-03/download/pdf', query: { key: 'incoming/thư mục/a b.txt' } });
    await handler(event({ path: '/api/rejected/download%2Fx' }));
    expect(seen[1]!.path).toBe('/api/rejected/download%2Fx');
  });

  it('answers 401 without claims, never reaching the router', async () => {
    const { handler, seen } = harness();
    const res = await handler(event({ claims: null }));
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body!).error.code).toBe('unauthorized');
    expect(seen).toEqual([]);
  });

  it('refuses methods its function is not for (405 with Allow), whatever the groups', async () => {
    const reader = harness(undefined, 'reader');
    const put = await reader.handler(event({ method: 'PUT', path: '/api/corrections', body: '{}' }));
    expect(put.statusCode).toBe(405);
    expect(put.headers?.allow).toBe('GET');
    expect(JSON.parse(put.body!).error.code).toBe('method-not-allowed');
    expect(reader.seen).toEqual([]);
    expect((await reader.handler(event({ method: 'GET' }))).statusCode).toBe(200);
    const editor = harness(undefined, 'editor');
    expect((await editor.handler(event({ method: 'GET' }))).statusCode).toBe(405);
    expect((await editor.handler(event({ method: 'DELETE', path: '/api/rejected', query: { key: 'incoming/x.txt' } }))).statusCode).toBe(200);
  });

  it('turns a router failure into 500 {error:{code,message}} with the request id, the stack only in the log', async () => {
    const { handler, logs } = harness(new Error('S3 exploded at /var/task/index.mjs:1:2'));
    const res = await handler(event(), { awsRequestId: 'req-42' });
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body!);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toContain('req-42');
    expect(res.body).not.toContain('exploded');
    expect(res.body).not.toContain('index.mjs');
    const failure = logs().find((l) => l.message === 'console request failed');
    expect(failure).toMatchObject({ level: 'ERROR', service: 'bantin-console-api', requestId: 'req-42', method: 'GET', path: '/api/session' });
    expect(JSON.stringify(failure)).toContain('exploded');
  });

  it('passes the router’s own error answers through unchanged', async () => {
    const forbidden = { status: 403, body: { error: { code: 'forbidden', message: 'Only editors can upload.' } } };
    const { handler } = harness(forbidden);
    const res = await handler(event({ method: 'POST', path: '/api/uploads', body: '{"files":[]}' }));
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body!)).toEqual(forbidden.body);
  });

  it('answers 204 without a body', async () => {
    const { handler } = harness({ status: 204, body: undefined });
    const res = await handler(event({ method: 'DELETE', path: '/api/corrections', query: { key: 'incoming/a.txt' } }));
    expect(res.statusCode).toBe(204);
    expect(res.body).toBeUndefined();
  });

  it('logs one JSON line per request: method, path, status, user and groups, never the body', async () => {
    const { handler, logs } = harness({ status: 200, body: { saved: true } });
    await handler(event({ method: 'PUT', path: '/api/corrections', query: { key: 'incoming/a.txt' }, body: JSON.stringify({ title: 'Bí mật tiêu đề' }) }), { awsRequestId: 'r-9' });
    const lines = logs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: 'console request', requestId: 'r-9', method: 'PUT', path: '/api/corrections', status: 200, user: 'lan', groups: ['editors', 'readers'] });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('Bí mật');
  });
});
