import * as http from 'node:http';
import { readLimitedBody } from '../../http/readBody';
import type { AddressInfo } from 'node:net';
import { verifyJwt } from '../auth/jwt';
import type { Database, JwtClaims } from '../db/types';
import { json, type ApiRequest, type ApiResponse, type RouteHandler } from './types';

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
  /** Called once per answered request (the request monitor); never with the response body. */
  onRequest?: (served: ServedRequest) => void;
}

/** One answered request, as the request monitor sees it. */
export interface ServedRequest {
  method: string;
  /** The full path, e.g. `/rest/v1/todos`. */
  path: string;
  /** The raw query string without `?`. */
  query: string;
  status: number;
  /** From the first byte read to the response handed to Node, in ms. */
  durationMs: number;
  /** The verified caller; undefined when authentication failed. */
  claims?: JwtClaims;
  /** Request headers other than `apikey` and `authorization` (kept so a request can be replayed as someone else). */
  headers: Record<string, string>;
  /** The request body (up to 64 KB), for replay. */
  body?: Buffer;
  monitor?: ApiResponse['monitor'];
}

const MAX_BODY = 64 * 1024 * 1024;
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
  return readLimitedBody(req, MAX_BODY, () => Object.assign(new Error('Payload too large'), { status: 413 }));
}

function served(req: http.IncomingMessage, r: ApiResponse, seen: { claims?: JwtClaims; body?: Buffer }, durationMs: number): ServedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'apikey' && name !== 'authorization') headers[name] = value;
  const body = seen.body && seen.body.length > 0 && seen.body.length <= 64 * 1024 ? seen.body : undefined;
  return { method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1), status: r.status, durationMs, claims: seen.claims, headers, body, monitor: r.monitor };
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the BaaS HTTP server on 127.0.0.1 only: it never listens on another interface. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handle = async (req: http.IncomingMessage, seen: { claims?: JwtClaims; body?: Buffer }): Promise<ApiResponse> => {
    if (req.method === 'OPTIONS') return { status: 204, headers: {} };
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
    seen.body = apiReq.body;
    return options.routes[prefix](apiReq, { db: options.db, claims: who as JwtClaims });
  };
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const seen: { claims?: JwtClaims; body?: Buffer } = {};
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
        if (options.onRequest && req.method !== 'OPTIONS') options.onRequest(served(req, r, seen, performance.now() - started));
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
