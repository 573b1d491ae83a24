// GET /files?key=<object key>: hands out a download link only for the caller's own files.
// Convention (as in Supabase Storage and Firebase Storage examples): each user's files live under a
// folder named after their user id, e.g. "user-1/avatar.png". The API Gateway JWT authorizer has
// already verified the token; its claims arrive in requestContext.authorizer.jwt.claims.
const reply = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

/** True when `key` is a file directly inside or below the folder named `userId`. */
function isOwnFile(userId, key) {
  const segments = key.split('/');
  // Compare whole path segments: "user-12/x" must not pass for "user-1", and a "." or ".." segment
  // could climb out of the folder once the storage layer resolves the path.
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return false;
  return segments.length >= 2 && segments[0] === userId;
}

exports.handler = async (event) => {
  const userId = event.requestContext?.authorizer?.jwt?.claims?.sub;
  const key = event.queryStringParameters?.key ?? '';
  if (!userId) return reply(401, { error: 'sign in first' });
  if (!key) return reply(400, { error: 'query parameter key is required' });

  if (!isOwnFile(userId, key)) return reply(403, { error: 'not your file' });

  return reply(200, { key, url: `/storage/v1/object/sign/uploads/${key}` });
};
