/** PostgREST's error JSON and its SQLSTATE → HTTP status mapping. */

/**
 * Status per SQLSTATE, from https://docs.postgrest.org/en/v14/references/errors.html
 * (read 2026-11-27). First matching prefix wins; more specific codes come first.
 */
const statusByCode: [prefix: string, status: number][] = [
  ['08', 503], ['09', 500], ['0L', 403], ['0P', 403],
  ['23503', 409], ['23505', 409], ['25006', 405], ['25', 500], ['28', 403], ['2D', 500],
  ['38', 500], ['39', 500], ['3B', 500], ['40', 500], ['53400', 500], ['53', 503], ['54', 500],
  ['55', 500], ['57', 500], ['58', 500], ['F0', 500], ['HV', 500], ['P0001', 400], ['P0', 500],
  ['XX', 500], ['42883', 404], ['42P01', 404], ['42P17', 500],
];

/** An error that the REST layer reports in PostgREST's shape. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }

  /** PostgREST's body: exactly these four keys. */
  toJson(): string {
    return JSON.stringify({ code: this.code, details: this.details, hint: this.hint, message: this.message });
  }
}

/** HTTP status PostgREST gives a Postgres error; 42501 depends on whether the caller is anonymous. */
export function statusForSqlState(code: string, anonymous: boolean): number {
  if (code === '42501') return anonymous ? 401 : 403;
  for (const [prefix, status] of statusByCode) if (code.startsWith(prefix)) return status;
  return 400;
}

/** Turns a thrown value from the driver into a RestError (drivers expose code/detail/hint). */
export function fromDatabaseError(error: unknown, anonymous: boolean): RestError {
  if (error instanceof RestError) return error;
  const e = error as { code?: unknown; message?: unknown; detail?: unknown; hint?: unknown };
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return new RestError(
      statusForSqlState(e.code, anonymous), e.code, String(e.message ?? ''),
      typeof e.detail === 'string' ? e.detail : null, typeof e.hint === 'string' ? e.hint : null,
    );
  }
  // Not a Postgres error: an internal fault. Report it without data.
  return new RestError(500, 'PGRST000', error instanceof Error ? error.message : String(error));
}

/** PGRST100: a query-string parameter could not be parsed. */
export function parseError(message: string, details: string | null = null): RestError {
  return new RestError(400, 'PGRST100', message, details);
}
