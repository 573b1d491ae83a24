// What a check can look at. Each observer contributes one top-level key of the observation that
// assertions read (`calls`, `store`); the event engine (`trace`) and the BaaS (`baas`) plug in
// later by registering an observer, without changing the runner or the checks format.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runBaasScenarioOnce } from '../baas/exercise/scenario';
import type { RuntimeRecord } from '../runtime/types';
import type { CheckSpec } from './types';

/** What an observer sees after a check's calls have run. */
export interface ObserverContext {
  /** The records of the check's calls, in order. */
  records: readonly RuntimeRecord[];
  /** Scratch folder of this check, given to the handler as EXERCISE_STORE_DIR (a local stand-in for a table). */
  storeDir: string;
  /** The check being run (observers read their own section of it, e.g. `baas`). */
  check: CheckSpec;
  /** The learner's folder: where the handler and the other exercise files (e.g. `policies.sql`) are. */
  folder: string;
}

/** Contributes one key of the observation. */
export interface Observer {
  /** Top-level key assertions use, e.g. `calls`. */
  readonly key: string;
  observe(context: ObserverContext): Promise<unknown> | unknown;
}

/** One invocation as assertions see it: the record's fields plus conveniences. */
export interface ObservedCall {
  response: unknown;
  /** `response.statusCode` (API Gateway proxy style), when present. */
  statusCode: unknown;
  /** `response.body` as returned. */
  body: unknown;
  /** `response.body` parsed as JSON when it is a string holding JSON; else undefined. */
  json: unknown;
  error?: { errorType: string; errorMessage: string };
  errorType?: string;
  /** The log lines (START, END, REPORT included). */
  logs: string[];
  /** Log lines the function wrote (without START/END/REPORT), joined with newlines. */
  output: string;
  report: RuntimeRecord['report'];
  cold: boolean;
}

/** Maps a record to what assertions read. */
export function observeCall(record: RuntimeRecord): ObservedCall {
  const response = record.response;
  const r = response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
  let json: unknown;
  if (typeof r?.body === 'string') {
    try {
      json = JSON.parse(r.body);
    } catch {
      json = undefined;
    }
  }
  return {
    response,
    statusCode: r?.statusCode,
    body: r?.body,
    json,
    ...(record.error ? { error: { errorType: record.error.errorType, errorMessage: record.error.errorMessage }, errorType: record.error.errorType } : {}),
    logs: record.logs,
    output: record.logs.filter((l) => !/^(START|END|REPORT) RequestId:/.test(l)).join('\n'),
    report: record.report,
    cold: record.cold,
  };
}

/** `calls`: every invocation of the check. */
export const callsObserver: Observer = { key: 'calls', observe: ({ records }) => records.map(observeCall) };

/** `store`: each `<name>.json` file the handler wrote into EXERCISE_STORE_DIR, parsed, keyed by `<name>`. */
export const storeObserver: Observer = {
  key: 'store',
  async observe({ storeDir }) {
    const out: Record<string, unknown> = {};
    for (const name of (await fs.readdir(storeDir)).filter((n) => n.endsWith('.json'))) {
      try {
        out[name.slice(0, -5)] = JSON.parse(await fs.readFile(path.join(storeDir, name), 'utf8'));
      } catch {
        out[name.slice(0, -5)] = null; // unreadable JSON: an assertion on it fails with "got null"
      }
    }
    return out;
  },
};

/** `baas`: for a check with a `baas:` scenario, what its requests returned (PGlite loads only for such checks; checks sharing one scenario share one run). */
export const baasObserver: Observer = {
  key: 'baas',
  observe: ({ check, folder }) => (check.baas ? runBaasScenarioOnce(check.baas, folder) : undefined),
};

/** The observers every check gets. */
export const BUILT_IN_OBSERVERS: readonly Observer[] = [callsObserver, storeObserver, baasObserver];
