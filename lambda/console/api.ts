/**
 * The console's API router (routes in ./contract.ts): pure routing, authorisation by group and
 * validation; no HTTP server, no AWS. One table says which group each route needs: readers read,
 * editors also upload, correct and delete. Everything goes through the ObjectStore and keys.ts.
 */
import { errorFields } from '../pipeline/log.ts';
import type { ConsoleGroup, ConsoleRequest, ConsoleResponse, Session } from './contract.ts';
import type { ConsoleDeps } from './deps.ts';
import { ApiError, errorResponse } from './errors.ts';
import { deleteCorrection, getCorrection, putCorrection } from './routes-corrections.ts';
import { listPeriods, periodDetail, periodDownload } from './routes-periods.ts';
import { deleteRejected, listRejected, rejectedDownload } from './routes-rejected.ts';
import { createUploads, uploadDownload, uploadOutcomes } from './routes-uploads.ts';

export type { ConsoleDeps } from './deps.ts';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path; groups are the route's parameters, URL-decoded. */
  path: RegExp;
  group: ConsoleGroup;
  handle: (deps: ConsoleDeps, req: ConsoleRequest, params: string[]) => Promise<unknown>;
  /** Status of a successful answer (200 unless said). */
  created?: boolean;
}

const session = async (deps: ConsoleDeps, req: ConsoleRequest): Promise<Session> => ({
  user: req.user,
  canEdit: req.user.groups.includes('editors'),
  local: deps.local === true,
});

/** Every route and the group it needs. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/api\/session$/, group: 'readers', handle: session },
  { method: 'POST', path: /^\/api\/uploads$/, group: 'editors', handle: (d, r) => createUploads(d, r.body), created: true },
  { method: 'GET', path: /^\/api\/uploads$/, group: 'readers', handle: (d, r) => uploadOutcomes(d, r.query) },
  { method: 'GET', path: /^\/api\/uploads\/download$/, group: 'readers', handle: (d, r) => uploadDownload(d, r.query) },
  { method: 'GET', path: /^\/api\/periods$/, group: 'readers', handle: (d) => listPeriods(d) },
  { method: 'GET', path: /^\/api\/periods\/([^/]+)$/, group: 'readers', handle: (d, _r, [p]) => periodDetail(d, p!) },
  { method: 'GET', path: /^\/api\/periods\/([^/]+)\/download\/([^/]+)$/, group: 'readers', handle: (d, _r, [p, f]) => periodDownload(d, p!, f!) },
  { method: 'GET', path: /^\/api\/corrections$/, group: 'readers', handle: (d, r) => getCorrection(d, r.query) },
  { method: 'PUT', path: /^\/api\/corrections$/, group: 'editors', handle: (d, r) => putCorrection(d, r.query, r.body) },
  { method: 'DELETE', path: /^\/api\/corrections$/, group: 'editors', handle: (d, r) => deleteCorrection(d, r.query) },
  { method: 'GET', path: /^\/api\/rejected$/, group: 'readers', handle: (d) => listRejected(d) },
  { method: 'GET', path: /^\/api\/rejected\/download$/, group: 'readers', handle: (d, r) => rejectedDownload(d, r.query) },
  { method: 'DELETE', path: /^\/api\/rejected$/, group: 'editors', handle: (d, r) => deleteRejected(d, r.query) },
];

/** Editors may do everything readers may. */
const allowed = (groups: readonly ConsoleGroup[], needed: ConsoleGroup): boolean =>
  groups.includes('editors') || (needed === 'readers' && groups.includes('readers'));

function decodeParams(match: RegExpExecArray): string[] {
  try {
    return match.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    throw new ApiError(400, 'bad-request', 'The path is not validly encoded.');
  }
}

export async function handleConsoleRequest(req: ConsoleRequest, deps: ConsoleDeps): Promise<ConsoleResponse> {
  const method = req.method.toUpperCase();
  const matching = ROUTES.filter((r) => r.path.test(req.path));
  const route = matching.find((r) => r.method === method);
  try {
    if (!route) {
      if (matching.length > 0) throw new ApiError(405, 'method-not-allowed', `${method} is not allowed on ${req.path}; use ${matching.map((r) => r.method).join(' or ')}.`);
      throw new ApiError(404, 'not-found', `There is no API route ${req.path.slice(0, 200)}.`);
    }
    if (!allowed(req.user.groups, route.group)) {
      throw new ApiError(403, 'forbidden', route.group === 'editors' ? 'Only editors may do this; ask an administrator to add you to the editors group.' : 'You are not in the readers or editors group.');
    }
    const body = await route.handle(deps, req, decodeParams(route.path.exec(req.path)!));
    return { status: route.created ? 201 : 200, body };
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    deps.log.error('console request failed', { method, path: req.path, user: req.user.name, ...errorFields(error) });
    return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on the server; the error is logged. Try again in a moment.' } } };
  }
}
