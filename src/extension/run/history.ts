// Bounded per-workspace invocation history in workspaceState, so it survives a window reload.
import * as vscode from 'vscode';
import type { HistoryEntry, LoadRunView } from '../../shared/invocationProtocol';

const HISTORY_KEY = 'serverlessLab.run.history.v1';
const LOAD_KEY = 'serverlessLab.run.lastLoad.v1';
/** Log lines kept per stored invocation: workspaceState is not a log store. */
const MAX_STORED_LOG_LINES = 200;
/** Responses larger than this (as JSON) are stored as a truncated preview (Lambda allows 6 MB). */
const MAX_STORED_RESPONSE_CHARS = 100_000;

/** Trims what is persisted for one entry: long logs and big responses. */
function forStorage(entry: HistoryEntry): HistoryEntry {
  const { logs, response } = entry.record;
  const record = { ...entry.record };
  if (logs.length > MAX_STORED_LOG_LINES) {
    record.logs = [...logs.slice(0, MAX_STORED_LOG_LINES - 1), `… ${logs.length - MAX_STORED_LOG_LINES + 1} more lines in "Serverless Lab: Functions"`];
  }
  const json = response === undefined ? '' : JSON.stringify(response);
  if (json.length > MAX_STORED_RESPONSE_CHARS) {
    record.response = { truncatedPreview: json.slice(0, MAX_STORED_RESPONSE_CHARS), note: `Response of ${json.length.toLocaleString('en-US')} characters truncated for the history.` };
  }
  return { ...entry, record };
}

/** Newest-first history of invocations, capped at `limit()` entries. */
export class InvocationHistory {
  private readonly changed = new vscode.EventEmitter<HistoryEntry | undefined>();
  /** Fires with the new entry (or undefined after a clear). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly limit: () => number) {}

  /** All entries, newest first. */
  all(): HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(HISTORY_KEY, []);
  }

  /** The most recent entry, if any. */
  last(): HistoryEntry | undefined {
    return this.all()[0];
  }

  /** Finds an entry by request id. */
  find(requestId: string): HistoryEntry | undefined {
    return this.all().find((e) => e.record.requestId === requestId);
  }

  /** The most recent entry for a function (for cold/warm explanations). */
  lastFor(functionName: string): HistoryEntry | undefined {
    return this.all().find((e) => e.record.functionName === functionName);
  }

  /** Adds an entry (trimming logs, big responses and the list), newest first. */
  async add(entry: HistoryEntry): Promise<void> {
    const stored = forStorage(entry);
    await this.state.update(HISTORY_KEY, [stored, ...this.all()].slice(0, Math.max(1, this.limit())));
    this.changed.fire(stored);
  }

  /** Forgets every entry and the last load run. */
  async clear(): Promise<void> {
    await this.state.update(HISTORY_KEY, []);
    await this.state.update(LOAD_KEY, undefined);
    this.changed.fire(undefined);
  }

  /** The last load run (kept so the panel can show it after a reload). */
  lastLoad(): LoadRunView | undefined {
    return this.state.get<LoadRunView>(LOAD_KEY);
  }

  /** Stores the last load run, dropping the per-sample detail beyond 2,000 samples. */
  async setLastLoad(load: LoadRunView): Promise<void> {
    await this.state.update(LOAD_KEY, load.samples.length > 2000 ? { ...load, samples: load.samples.slice(0, 2000) } : load);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
