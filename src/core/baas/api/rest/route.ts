/** Mounts the REST handler on the BaaS server's route seam (`/rest/v1`). */
import type { ApiRequest, ApiResponse, RouteHandler } from '../types';
import { RestError } from './errors';
import { handleRest } from './handleRest';
import { RestResponse } from './types';

/** Metadata of the last responses, for the request monitor: the route passes it to `onResponse`. */
export type RestObserver = (request: ApiRequest, response: RestResponse) => void;

/** The `/rest/v1` route: parses the JSON body, runs the request as the caller's role and answers in PostgREST's shape. */
export function createRestRoute(onResponse?: RestObserver): RouteHandler {
  return async (req, ctx): Promise<ApiResponse> => {
    let body: unknown;
    if (req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch (error) {
        const e = new RestError(400, 'PGRST102', 'Empty or invalid json', error instanceof Error ? error.message : null);
        return { status: e.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: e.toJson() };
      }
    }
    const response = await handleRest({ method: req.method, path: req.path, query: req.query.toString(), headers: req.headers, body }, ctx.db, ctx.claims);
    onResponse?.(req, response);
    return { status: response.status, headers: response.headers, body: response.body, meta: response.meta };
  };
}
