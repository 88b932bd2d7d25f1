/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of an S3-compatible server (s3rver).
 * Requests pass through unchanged (headers included, so SigV4 signatures still verify) until a
 * rule matches: then the proxy answers with an S3 error (500 InternalError, 503 SlowDown), drops
 * the connection, or delays it — for the next N matching requests only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'internal-error' } // 500 InternalError
  | { kind: 'slow-down' } // 503 SlowDown, S3's throttling answer
  | { kind: 'drop' } // socket destroyed before any response
  | { kind: 'delay'; ms: number }; // forwarded after a pause

export interface FaultRule {
  /** HTTP method to match (any when unset). */
  method?: string;
  /** Matched against the decoded path and query, e.g. /incoming\/a\.txt/. */
  path?: RegExp;
  fault: Fault;
  /** How many matching requests get the fault; afterwards the rule is spent. */
  times: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  at: number;
  fault: Fault['kind'] | null;
}

export interface FaultProxy {
  endpoint: string;
  /** Adds a rule; returns it so its remaining `times` can be read. */
  inject(rule: FaultRule): FaultRule;
  clear(): void;
  /** Every request seen, in arrival order. */
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

const S3_ERRORS = {
  'internal-error': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  'slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
} as const;

function decodedPath(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: FaultRule[] = [];
  const requests: SeenRequest[] = [];

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = decodedPath(req.url ?? '/');
    const rule = rules.find((r) => r.times > 0 && (!r.method || r.method === method) && (!r.path || r.path.test(path)));
    if (rule) rule.times -= 1;
    requests.push({ method, path, at: Date.now(), fault: rule?.fault.kind ?? null });

    const forward = () => {
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };

    if (!rule) return forward();
    const fault = rule.fault;
    if (fault.kind === 'delay') return void setTimeout(forward, fault.ms);
    if (fault.kind === 'drop') {
      req.resume();
      req.socket.destroy();
      return;
    }
    const error = S3_ERRORS[fault.kind];
    // Drain the body first so the client sees the answer rather than a reset.
    req.resume();
    req.on('end', () => {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message><RequestId>fault-proxy</RequestId></Error>`;
      res.writeHead(error.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': 'fault-proxy' });
      res.end(method === 'HEAD' ? undefined : body);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject(rule) {
      rules.push(rule);
      return rule;
    },
    clear() {
      rules.length = 0;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
