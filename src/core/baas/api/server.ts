import * as http from 'node:http';
import { readLimitedBody } from '../../http/readBody';
import type { AddressInfo } from 'node:net';
import { verifyJwt } from '../auth/jwt';
import type { Database, JwtClaims } from '../db/types';
import { json, MAX_BODY_BYTES, type ApiRequest, type ApiResponse, type RequestLogEntry, type RouteHandler } from './types';

/** What the HTTP server needs: the database, the secret that signs keys and tokens, and the route families. */
export interface ServerOptions {
  db: Database;
  jwtSecret: string;
  /** Route families by mount prefix, e.g. `{ '/auth/v1': authRoutes(cfg) }`. */
  routes: Record<string, RouteHandler>;
  /** 0 picks a free port. */
  port: number;
  /** Called with any 5xx error, for the log; the client only sees a generic message. */
  onError?: (err: unknown) => void;
  /** Called after every answered request (the request monitor); never with request or response bodies. */
  onRequest?: (entry: RequestLogEntry) => void;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, apikey, content-type, prefer, range, x-client-info, x-upsert, accept-profile, content-profile',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'content-range, content-location',
};

// Requests a browser makes from a link (an Inbox email, a public object), which carry no apikey, as on Supabase.
const OPEN_PATHS = [/^\/auth\/v1\/verify$/, /^\/storage\/v1\/object\/(public|sign)\//];

/** Works out the caller: 401 unless the apikey is valid; a bearer token, when present, must be valid too. */
export async function authenticate(headers: http.IncomingHttpHeaders, secret: string): Promise<JwtClaims | ApiResponse> {
  const apikey = typeof headers.apikey === 'string' ? headers.apikey : undefined;
  if (!apikey) return json(401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  const keyClaims = await verifyJwt(apikey, secret);
  if (!keyClaims) return json(401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
  const auth = headers.authorization;
  if (!auth) return keyClaims;
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const claims = bearer ? await verifyJwt(bearer, secret) : undefined;
  if (!claims) return json(401, { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT: unable to parse or verify signature, token is expired or malformed' });
  return claims;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return readLimitedBody(req, MAX_BODY_BYTES, () => Object.assign(new Error('Payload too large'), { status: 413 }));
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the BaaS HTTP server on 127.0.0.1 only: it never listens on another interface. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handle = async (req: http.IncomingMessage, seen: { claims?: JwtClaims }): Promise<ApiResponse> => {
    if (req.method === 'OPTIONS') return { status: 204, headers: {} };
    // URL parsing would resolve "..", "%2e%2e" and "." silently; no API path ever needs them, so refuse them as sent.
    const rawPath = (req.url ?? '/').split('?')[0];
    if (rawPath.split('/').some((s) => /^(\.|%2e){1,2}$/i.test(s))) {
      return json(400, { statusCode: '400', error: 'InvalidKey', message: 'Paths with "." or ".." segments are refused' });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = Object.keys(options.routes).find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    if (!prefix) return json(404, { message: `No API at ${url.pathname}` });
    const open = OPEN_PATHS.some((re) => re.test(url.pathname)) && !req.headers.apikey;
    const who = open ? { role: 'anon' as const } : await authenticate(req.headers, options.jwtSecret);
    if ('status' in who) return who as ApiResponse;
    seen.claims = who as JwtClaims;
    const apiReq: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.slice(prefix.length) || '/',
      query: url.searchParams,
      headers: req.headers as Record<string, string | undefined>,
      body: await readBody(req),
    };
    return options.routes[prefix](apiReq, { db: options.db, claims: who as JwtClaims });
  };
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const seen: { claims?: JwtClaims } = {};
    handle(req, seen)
      .catch((err: unknown) => {
        const status = (err as { status?: number }).status;
        if (status && status < 500) return json(status, { message: (err as Error).message });
        options.onError?.(err);
        return json(500, { message: 'Internal error in the local BaaS; see its log.' });
      })
      .then((r) => {
        res.writeHead(r.status, { ...CORS, ...r.headers });
        res.end(req.method === 'HEAD' ? undefined : r.body);
        if (options.onRequest) {
          const [pathname, query = ''] = (req.url ?? '/').split('?');
          const entry: RequestLogEntry = { at: new Date().toISOString(), method: req.method ?? 'GET', path: pathname, query, status: r.status, durationMs: performance.now() - started };
          if (seen.claims) entry.claims = seen.claims;
          if (r.meta?.rls) entry.rls = r.meta.rls;
          if (r.meta?.sql) entry.sql = r.meta.sql;
          try {
            options.onRequest(entry);
          } catch (err) {
            options.onError?.(err);
          }
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
