/** Parses PostgREST's `Prefer`, `Accept` and `Range` request headers. */
import { RestError } from './errors';

/** The `Prefer` preferences the REST layer honours. */
export interface Preferences {
  representation: boolean;
  headersOnly: boolean;
  countExact: boolean;
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
}

/** Reads `Prefer: return=…, count=…, resolution=…`; unknown preferences are ignored, as PostgREST does by default. */
export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = { representation: false, headersOnly: false, countExact: false };
  for (const token of (header ?? '').split(',').map((t) => t.trim())) {
    if (token === 'return=representation') prefs.representation = true;
    else if (token === 'return=headers-only') prefs.headersOnly = true;
    else if (token === 'count=exact' || token === 'count=planned' || token === 'count=estimated') prefs.countExact = true;
    else if (token === 'resolution=merge-duplicates' || token === 'resolution=ignore-duplicates') {
      prefs.resolution = token.slice('resolution='.length) as Preferences['resolution'];
    }
  }
  return prefs;
}

/** True when the client asked for one object instead of an array. */
export function wantsSingular(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((a) => a.trim().split(';')[0] === 'application/vnd.pgrst.object+json');
}

/** `Range: 0-9` (unit items) as offset/limit; undefined when absent. */
export function parseRange(header: string | undefined): { offset: number; limit?: number } | undefined {
  if (!header) return undefined;
  const m = header.trim().match(/^(?:items=)?(\d+)-(\d*)$/);
  if (!m) return undefined;
  const start = Number(m[1]);
  if (m[2] === '') return { offset: start };
  const end = Number(m[2]);
  if (end < start) throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', `The lower bound ${start} is greater than the upper bound ${end}.`);
  return { offset: start, limit: end - start + 1 };
}

/** `Content-Range` for `n` rows starting at `offset`, out of `total` when counted. */
export function contentRange(offset: number, n: number, total?: number): string {
  const range = n === 0 ? '*' : `${offset}-${offset + n - 1}`;
  return `${range}/${total === undefined ? '*' : total}`;
}
