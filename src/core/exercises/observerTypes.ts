// The observer contract, apart from the built-in observers so that each of them can import it.
import type { FunctionRuntime, RuntimeRecord } from '../runtime/types';
import type { CheckSpec } from './types';

/** What an observer sees after a check's calls have run. */
export interface ObserverContext {
  /** The records of the check's calls, in order. */
  records: readonly RuntimeRecord[];
  /** Scratch folder of this check, given to the handler as EXERCISE_STORE_DIR (a local stand-in for a table). */
  storeDir: string;
  /** The check being run (its `events`, `template`, `faults`). */
  check: CheckSpec;
  /** The learner's file (a handler, a pattern, or the file beside the template). */
  handlerFile: string;
  /** The learner's folder: where the handler and the other exercise files are (`path.dirname(handlerFile)`). */
  folder: string;
  handlerName?: string;
  /** The one runtime service: observers that run functions (trace) run them through it. */
  runtime: FunctionRuntime;
}

/** Thrown by an observer when the learner's input cannot be observed at all (an invalid pattern, a broken template): the check fails with this message. */
export class ObserverFailure extends Error {
  constructor(message: string, readonly detail: string) {
    super(message);
    this.name = 'ObserverFailure';
  }
}

/** Contributes one key of the observation. */
export interface Observer {
  /** Top-level key assertions use, e.g. `calls`. */
  readonly key: string;
  observe(context: ObserverContext): Promise<unknown> | unknown;
}
