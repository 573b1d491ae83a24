import { json, type RouteHandler } from './types';

/**
 * The `/rest/v1` mount point. h15b's PostgREST layer (`./rest/`) replaces this stub with
 * `(req, ctx) => handleRest(req, ctx.db, ctx.claims)`; until then the route answers 501 in PostgREST's error shape.
 */
export const restRoute: RouteHandler = async () =>
  json(501, { code: 'PGRST000', message: 'The /rest/v1 API is not available in this build yet.', details: null, hint: null });
