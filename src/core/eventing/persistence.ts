// Queue contents (DLQs included) saved under `.serverless-lab/eventing/`, so they survive a window
// reload. In-flight messages are saved with their visibility deadline: after a restart mid-delivery
// they reappear when it passes, which is SQS's at-least-once promise.
import * as fs from 'fs';
import * as path from 'path';
import type { QueueAttributes, StoredMessage } from './queueTypes';

/** What is persisted. */
export interface PersistedState {
  version: 1;
  /** Per queue: attributes, messages, and (FIFO) the deduplication ids of the last five minutes. Files written before `dedup` existed load unchanged. */
  queues: Record<string, { attributes: QueueAttributes; messages: StoredMessage[]; dedup?: Record<string, { at: number; messageId: string }> }>;
}

/** Where the engine keeps its state. */
export interface StateStore {
  load(): PersistedState | undefined;
  save(state: PersistedState): void;
}

/** A JSON file store; writes go to a temp file then rename, so a crash never leaves half a file. */
export class FileStateStore implements StateStore {
  readonly file: string;
  constructor(dir: string) {
    this.file = path.join(dir, 'queues.json');
  }

  load(): PersistedState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const state = JSON.parse(text) as PersistedState;
      return state.version === 1 && state.queues && typeof state.queues === 'object' ? state : undefined;
    } catch (err) {
      throw new Error(`${this.file}: saved queue state is not valid JSON (${(err as Error).message}); move the file away to start with empty queues`);
    }
  }

  save(state: PersistedState): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true });
    // Queue contents are runtime state, not source: keep them out of the learner's commits without editing their .gitignore.
    const ignore = path.join(dir, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Serverless Lab event engine state (queue contents)\n*\n');
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, this.file);
  }
}

/** A store in memory (tests, and runs that must leave no files). */
export class MemoryStateStore implements StateStore {
  state?: PersistedState;
  load(): PersistedState | undefined {
    return this.state && (JSON.parse(JSON.stringify(this.state)) as PersistedState);
  }
  save(state: PersistedState): void {
    this.state = JSON.parse(JSON.stringify(state)) as PersistedState;
  }
}
