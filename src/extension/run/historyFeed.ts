// Feeds the invocation history from the runtime service's events, whoever invoked (the editor, an
// event rule, a queue, a BaaS trigger, an exercise check). The editor adds what only it knows (the
// event's label, a prediction, whether to reveal the panel) as an intent keyed by causation id.
import * as vscode from 'vscode';
import { explainColdWarm, gradePrediction, type Prediction, type PreviousRun } from '../../core/run/prediction';
import type { RuntimeRecord } from '../../core/runtime/types';
import type { HistoryEntry } from '../../shared/invocationProtocol';
import { getLogger } from '../log';
import type { InvocationHistory } from './history';

const log = getLogger('run');

/** What the editor knows about an invocation it starts. */
export interface EditorIntent {
  eventLabel: string;
  prediction?: Prediction;
  /** Show the invocation panel afterwards. */
  reveal: boolean;
}

/** Turns runtime records into history entries and tells the panel. */
export class HistoryFeed implements vscode.Disposable {
  /** When each function last finished an invocation (load runs included), for cold/warm explanations. */
  private readonly lastFinished = new Map<string, PreviousRun>();
  private readonly intents = new Map<string, EditorIntent>();
  private readonly recorded = new Map<string, Promise<HistoryEntry | undefined>>();
  private readonly sub: vscode.Disposable;
  /** Called with every new history entry (the panel shows it). */
  onEntry: ((entry: HistoryEntry, reveal: boolean) => void) | undefined;

  constructor(onDidInvoke: vscode.Event<RuntimeRecord>, private readonly history: InvocationHistory) {
    this.sub = onDidInvoke((record) => {
      const done = this.add(record);
      this.recorded.set(record.requestId, done);
      void done.finally(() => setTimeout(() => this.recorded.delete(record.requestId), 60_000).unref?.());
    });
  }

  /** Registers what the editor knows about the invocation it is about to start with this causation id. */
  expect(causationId: string, intent: EditorIntent): void {
    this.intents.set(causationId, intent);
  }

  /** Forgets an intent whose invocation never happened (e.g. the invoke threw). */
  forget(causationId: string): void {
    this.intents.delete(causationId);
  }

  /** The history entry written for a record (undefined for load-run records, which the load view summarises). */
  entryFor(requestId: string): Promise<HistoryEntry | undefined> {
    return this.recorded.get(requestId) ?? Promise.resolve(undefined);
  }

  private async add(record: RuntimeRecord): Promise<HistoryEntry | undefined> {
    const name = record.functionName;
    const fromHistory = this.history.lastFor(name);
    const previous = this.lastFinished.get(name) ?? (fromHistory ? { finishedAt: fromHistory.at, sandboxId: fromHistory.record.sandboxId } : undefined);
    this.lastFinished.set(name, { finishedAt: Date.now(), sandboxId: record.sandboxId });
    const fn = record.function;
    // A load run's hundreds of records would push everything else out of the history; the load view shows them.
    if (record.source === 'load' || !fn) return undefined;
    const intent = record.causationId !== undefined ? this.intents.get(record.causationId) : undefined;
    if (record.causationId !== undefined) this.intents.delete(record.causationId);
    const forcedCold = !!record.forcedCold;
    const explanation = explainColdWarm(record, previous, fn.keepAliveSec, forcedCold);
    const entry: HistoryEntry = {
      record, at: Date.now(), handlerFile: fn.handlerFile, handlerName: fn.handlerName, runtime: fn.runtime, memoryMb: fn.memoryMb,
      keepAliveSec: fn.keepAliveSec, eventLabel: intent?.eventLabel ?? `from ${record.source}`, forcedCold, explanation,
      ...(intent?.prediction ? { prediction: { prediction: intent.prediction, grade: gradePrediction(intent.prediction, record, explanation) } } : {}),
    };
    try {
      await this.history.add(entry);
      this.onEntry?.(entry, intent?.reveal ?? false);
    } catch (err) {
      log.error(`recording invocation ${record.requestId} failed: ${String(err)}`);
    }
    return entry;
  }

  dispose(): void {
    this.sub.dispose();
  }
}
