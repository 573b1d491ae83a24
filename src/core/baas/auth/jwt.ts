import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ApiRole, JwtClaims } from '../db/types';

/** Loads the workspace's JWT secret from `<dir>/jwt-secret`, creating a random one on first use. */
export async function loadOrCreateSecret(dir: string): Promise<string> {
  const file = path.join(dir, 'jwt-secret');
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  await fs.mkdir(dir, { recursive: true });
  // The data directory ignores itself, so the database and the secret are never committed by accident.
  await fs.writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  const secret = randomBytes(32).toString('hex');
  // wx: if another process made it first, keep theirs.
  await fs.writeFile(file, secret, { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  return (await fs.readFile(file, 'utf8')).trim();
}

// Loaded once: a dynamic import per request costs milliseconds, on the path of every API call.
let joseModule: Promise<typeof import('jose')> | undefined;
function jose(): Promise<typeof import('jose')> {
  joseModule ??= import('jose');
  return joseModule;
}

/** Signs claims with HS256, as Supabase signs its keys and access tokens. */
export async function signJwt(claims: Record<string, unknown>, secret: string, expiresInSeconds: number): Promise<string> {
  const { SignJWT } = await jose();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** The anon and service-role API keys: long-lived JWTs with only a role, as Supabase issues them. */
export async function apiKeys(secret: string): Promise<{ anonKey: string; serviceRoleKey: string }> {
  const tenYears = 10 * 365 * 24 * 3600;
  return {
    anonKey: await signJwt({ iss: 'serverless-lab', role: 'anon' }, secret, tenYears),
    serviceRoleKey: await signJwt({ iss: 'serverless-lab', role: 'service_role' }, secret, tenYears),
  };
}

// Tokens already verified, by their exact text. A client sends the same apikey and access token on every call,
// and WebCrypto's HMAC check costs about a millisecond each time (measured in `npm run bench`), twice per request.
// Only tokens that passed the full check are kept; a hit still honours `exp` exactly as jose does, and the entry
// remembers the secret it was checked against, so another BaaS in this process (another secret) checks afresh.
const verified = new Map<string, { secret: string; claims: JwtClaims }>();
const MAX_VERIFIED = 1000;

/** Verifies a JWT (HS256 only, so `alg: none` and other algorithms fail) and returns its claims, or undefined. */
export async function verifyJwt(token: string, secret: string): Promise<JwtClaims | undefined> {
  const hit = verified.get(token);
  if (hit && hit.secret === secret) {
    // jose's rule: expired when `exp` <= now in whole seconds. `nbf` was checked when the token entered the cache.
    if (hit.claims.exp === undefined || hit.claims.exp > Math.floor(Date.now() / 1000)) return { ...hit.claims };
    verified.delete(token);
    return undefined;
  }
  const { jwtVerify } = await jose();
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    const role = payload.role as ApiRole | undefined;
    if (role !== 'anon' && role !== 'authenticated' && role !== 'service_role') return undefined;
    const claims = payload as JwtClaims;
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
    verified.set(token, { secret, claims });
    return { ...claims };
  } catch {
    return undefined;
  }
}
