// GET /me behind an HTTP API: returns the signed-in user's id from the access token in
// `Authorization: Bearer <jwt>`. Tokens are HS256 JWTs signed by the auth service with a shared secret
// (on Supabase: the project's JWT secret; here a local stand-in, never a real secret in code).
const crypto = require('node:crypto');

const JWT_SECRET = process.env.JWT_SECRET ?? 'local-lab-secret';

const reply = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The token's claims when its signature, algorithm and expiry are valid; otherwise undefined. */
function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts;
  let head;
  let claims;
  try {
    head = decode(header);
    claims = decode(payload);
  } catch {
    return undefined;
  }
  // Pin the algorithm: never let the token choose it (an `alg: none` token carries no signature).
  if (head.alg !== 'HS256') return undefined;
  const expected = crypto.createHmac('sha256', JWT_SECRET).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  // Constant-time comparison, so the response time does not leak how much of the signature matched.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return undefined;
  return claims;
}

exports.handler = async (event) => {
  // HTTP APIs (payload 2.0) deliver header names in lower case.
  const header = event.headers?.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!token) return reply(401, { error: 'missing bearer token' });

  const claims = verify(token);
  if (!claims) return reply(401, { error: 'invalid or expired token' });
  return reply(200, { userId: claims.sub, email: claims.email });
};
