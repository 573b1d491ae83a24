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

exports.handler = async (event) => {
  // HTTP APIs (payload 2.0) deliver header names in lower case.
  const header = event.headers?.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!token) return reply(401, { error: 'missing bearer token' });

  // TODO: this reads the claims without checking the signature, expiry or algorithm.
  const [, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return reply(200, { userId: claims.sub, email: claims.email });
};
