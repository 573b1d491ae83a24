import * as vscode from 'vscode';
import { emptyProgress, migrateProgress, type Progress, exercisesPassed } from '../../core/lessons';
import { setContext } from '../contextKeys';

/** globalState key of the learner's progress (synced across machines with Settings Sync). */
export const PROGRESS_KEY = 'serverlessLab.progress';

/** Learner progress in globalState: read through migrateProgress(), written whole, announced on change. */
export class ProgressStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Progress>();
  /** Fires after every stored change. */
  readonly onDidChange = this.emitter.event;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly memento: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    memento.setKeysForSync([PROGRESS_KEY]);
    void this.updateContextKeys(this.get());
  }

  /** Current progress (migrated from whatever version was stored). */
  get(): Progress {
    return migrateProgress(this.memento.get(PROGRESS_KEY));
  }

  /** Applies a pure change; updates are serialised so two quick answers cannot overwrite each other. */
  update(change: (p: Progress) => Progress): Promise<Progress> {
    const run = this.queue.then(async () => {
      const before = this.get();
      const after = change(before);
      if (after === before) return before;
      await this.memento.update(PROGRESS_KEY, after);
      await this.updateContextKeys(after);
      this.emitter.fire(after);
      return after;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets everything. */
  reset(): Promise<Progress> {
    return this.update(() => emptyProgress());
  }

  private async updateContextKeys(p: Progress): Promise<void> {
    await setContext('serverlessLab.lessonsCompleted', p.completed.length);
    await setContext('serverlessLab.hasProgress', p.completed.length > 0 || Object.keys(p.quizAnswers).length > 0 || Object.keys(p.exercises ?? {}).length > 0);
    await setContext('serverlessLab.exercisesPassed', exercisesPassed(p));
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
