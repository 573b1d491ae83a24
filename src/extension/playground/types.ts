// What the playground and template features need from the rest of the extension, passed in rather than
// imported: they live in a lazy bundle, which must not hold its own copy of the log or service state.
import type * as vscode from 'vscode';

/** One event a bus saw (the shape of the event engine host's recentEvents()). */
export interface RecentBusEvent {
  eventId: string;
  bus: string;
  /** Engine-clock time it was put, epoch ms. */
  at: number;
  event: Record<string, unknown>;
  /** Rules that matched it. */
  matchedRules: string[];
}

/** The part of the event engine host these features use. */
export interface RecentEventsSource {
  recentEvents(limit?: number, bus?: string): RecentBusEvent[];
}

/** Logging, from the extension's one log channel. */
export interface FeatureLog {
  info(message: string): void;
  error(message: string): void;
}

/** Dependencies of the playground and the template editor features. */
export interface PlaygroundDeps {
  /** The playground documents' store (PlaygroundFileSystem). */
  files: {
    text(file: 'pattern' | 'event' | 'result'): string;
    set(file: 'pattern' | 'event' | 'result', text: string): void;
  };
  diagnostics: vscode.DiagnosticCollection;
  /** The event engine host, started on demand; undefined when the extension has none. */
  eventing?: () => Promise<RecentEventsSource>;
  log: FeatureLog;
}
