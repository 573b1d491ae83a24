// Runs an exercise's checks against a learner's handler through the injected FunctionRuntime
// (headless, source 'exercise-check'). Each check starts in a fresh sandbox so that module state
// from one check never leaks into the next; later calls of a check are warm unless marked cold.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FunctionRuntime, RuntimeRecord } from '../runtime/types';
import { evaluate, show } from './assertions';
import { BUILT_IN_OBSERVERS, ObserverFailure, type Observer } from './observers';
import type { CheckOutcome, CheckSpec, ExerciseResult } from './types';

/** What the runner needs: the runtime to invoke through and the handler to invoke. */
export interface RunChecksOptions {
  runtime: FunctionRuntime;
  /** Absolute path of the learner's handler file. */
  handlerFile: string;
  handlerName?: string;
  /** Extra observers (event traces, BaaS state); the built-in `calls` and `store` are always there. */
  observers?: readonly Observer[];
  /** Stop at the first failed check (the learner's view); false runs them all (authors' view). */
  stopAtFirstFailure?: boolean;
}

/** Runs every check in order and reports each one; the first failure is the feedback to show. */
export async function runChecks(checks: readonly CheckSpec[], options: RunChecksOptions): Promise<ExerciseResult> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    const outcome = await runCheck(check, options);
    outcomes.push(outcome);
    if (!outcome.passed && options.stopAtFirstFailure) break;
  }
  const firstFailure = outcomes.find((o) => !o.passed);
  return { passed: !firstFailure, outcomes, ...(firstFailure ? { firstFailure } : {}) };
}

/** Runs one check: its calls in order, then its assertions over the observation. */
export async function runCheck(check: CheckSpec, options: RunChecksOptions): Promise<CheckOutcome> {
  const storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-exercise-store-'));
  try {
    const records: RuntimeRecord[] = [];
    for (const [i, call] of check.calls.entries()) {
      records.push(
        await options.runtime.invoke(options.handlerFile, call.event, {
          source: 'exercise-check',
          forceCold: i === 0 || call.cold === true,
          env: { EXERCISE_STORE_DIR: storeDir },
          ...(options.handlerName ? { handlerName: options.handlerName } : {}),
        }),
      );
    }
    // Observers run only when an assertion reads their key: a trace runs a whole event flow.
    const used = new Set(check.expect.map((a) => a.path.split('.')[0]));
    const observation: Record<string, unknown> = {};
    const context = { records, storeDir, check, handlerFile: options.handlerFile, folder: path.dirname(options.handlerFile), runtime: options.runtime, ...(options.handlerName ? { handlerName: options.handlerName } : {}) };
    // A given observer replaces the built-in one with its key (a test's fake trace, say).
    const observers = new Map([...BUILT_IN_OBSERVERS, ...(options.observers ?? [])].map((o) => [o.key, o]));
    for (const observer of observers.values()) if (used.has(observer.key)) observation[observer.key] = await observer.observe(context);
    for (const assertion of check.expect) {
      const failure = evaluate(assertion, observation);
      if (failure) return { name: check.name, passed: false, message: check.message.replace(/\{actual\}/g, show(failure.actual)), detail: failure.detail };
    }
    return { name: check.name, passed: true };
  } catch (e) {
    if (e instanceof ObserverFailure) return { name: check.name, passed: false, message: e.message, detail: e.detail };
    // Unknown function (file missing) or a runtime failure: still specific, never a crash.
    return { name: check.name, passed: false, message: `The check could not run your handler: ${(e as Error).message}`, detail: 'invoke threw' };
  } finally {
    await fs.rm(storeDir, { recursive: true, force: true });
  }
}
