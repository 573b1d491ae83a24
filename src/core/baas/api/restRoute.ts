import { createRestRoute } from './rest/route';
import type { RouteHandler } from './types';

/** The `/rest/v1` mount point: PostgREST semantics from `./rest/`, every request run as the caller's role. */
export const restRoute: RouteHandler = createRestRoute();
