// What a check can look at. Each observer contributes one top-level key of the observation that
// assertions read (`calls`, `store`, `pattern`, `trace`); the BaaS (`baas`) plugs in by registering
// an observer, without changing the runner or the checks format.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runBaasScenarioOnce } from '../baas/exercise/scenario';
import type { RuntimeRecord } from '../runtime/types';
import type { Observer } from './observerTypes';
import { patternObserver } from './patternObserver';
import { traceObserver } from './traceObserver';
import { samObserver } from './samObserver';

export { ObserverFailure, type Observer, type ObserverContext } from './observerTypes';

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

/**
 * `store`: what the handler wrote into EXERCISE_STORE_DIR, keyed by file name without extension: each
 * `<name>.json` parsed, and each `<name>.jsonl` (one JSON value per line, appended) as an array. Appending a
 * line is how sandboxes running at once record into one file without losing each other's writes, which a
 * read-modify-write of one JSON file can.
 */
export const storeObserver: Observer = {
  key: 'store',
  async observe({ storeDir }) {
    const out: Record<string, unknown> = {};
    for (const name of await fs.readdir(storeDir)) {
      const lines = name.endsWith('.jsonl');
      if (!lines && !name.endsWith('.json')) continue;
      const key = name.slice(0, lines ? -6 : -5);
      try {
        const text = await fs.readFile(path.join(storeDir, name), 'utf8');
        out[key] = lines ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : JSON.parse(text);
      } catch {
        out[key] = null; // unreadable JSON: an assertion on it fails with "got null"
      }
    }
    return out;
  },
};

/** `baas`: for a check with a `baas:` scenario, what its requests returned (PGlite loads only for such checks; checks sharing one scenario share one run). */
export const baasObserver: Observer = {
  key: 'baas',
  observe: ({ check, handlerFile }) => (check.baas ? runBaasScenarioOnce(check.baas, path.dirname(handlerFile)) : undefined),
};

/** The observers every check gets; each runs only when an assertion reads its key. The event observers come first: their functions write the store. */
export const BUILT_IN_OBSERVERS: readonly Observer[] = [patternObserver, traceObserver, callsObserver, storeObserver, ...curriculumObservers(), baasObserver];

/** Observers the curriculum's IaC and least-privilege exercises read (`sam`); a separate block so other observers merge cleanly. */
function curriculumObservers(): Observer[] {
  return [samObserver];
}
