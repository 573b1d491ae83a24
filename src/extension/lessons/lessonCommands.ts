import * as vscode from 'vscode';
import { markCompleted, TRACKS } from '../../core/lessons';
import { CommandIds } from '../commandIds';
import { registerSafeCommand } from '../commandBoundary';
import { brokenId, type LessonLibrary } from './lessonLibrary';
import type { LessonPanelManager } from './lessonPanel';
import { LESSONS_VIEW_ID } from './lessonsTree';
import type { ProgressStore } from './progressStore';
import { courseOrder, positionOf } from './sequence';

/** Walkthrough id as `<publisher>.<name>#<walkthrough id>` (package.json contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'serverless-lab.serverless-lab#serverlessLab.gettingStarted';

interface Deps {
  context: vscode.ExtensionContext;
  library: LessonLibrary;
  progress: ProgressStore;
  panels: LessonPanelManager;
}

type LessonPick = vscode.QuickPickItem & { lessonId?: string };

/** Registers the lesson commands; each returns something tests can assert on. */
export function registerLessonCommands({ context, library, progress, panels }: Deps): void {
  const open = async (lessonId: string): Promise<string> => {
    if (!(await panels.open(lessonId))) throw new Error(`No lesson with id "${lessonId}". Run "Serverless Lab: Open Lesson…" to pick one.`);
    return lessonId;
  };
  const current = (): string | undefined => panels.currentLessonId ?? progress.get().currentLessonId;

  registerSafeCommand(context, CommandIds.openLesson, async (arg?: string | { lessonId?: string }) => {
    const id = typeof arg === 'string' ? arg : arg?.lessonId;
    if (id) return open(id);
    const picked = await pickLesson(library, progress);
    return picked ? open(picked) : undefined;
  });

  const step = async (delta: 1 | -1): Promise<string | undefined> => {
    const order = await courseOrder(library);
    if (!order.length) throw new Error('No lessons found in the extension folder.');
    const id = current();
    const { index } = id ? positionOf(order, id) : { index: -1 };
    if (index < 0) return open(order[0].id);
    const target = order[index + delta];
    if (!target) {
      void vscode.window.showInformationMessage(delta > 0 ? 'This is the last lesson. Well done!' : 'This is the first lesson.');
      return undefined;
    }
    return open(target.id);
  };
  registerSafeCommand(context, CommandIds.nextLesson, () => step(1));
  registerSafeCommand(context, CommandIds.previousLesson, () => step(-1));

  registerSafeCommand(context, CommandIds.showLessons, async () => {
    await vscode.commands.executeCommand(`${LESSONS_VIEW_ID}.focus`);
    return true;
  });

  registerSafeCommand(context, CommandIds.markLessonComplete, async (lessonId?: string) => {
    const id = lessonId ?? current();
    if (!id) throw new Error('No lesson is open. Open a lesson first.');
    if (!(await library.load(id))) throw new Error(`No lesson with id "${id}".`);
    await progress.update((p) => markCompleted(p, id));
    return id;
  });

  // Tests pass { confirm: false } to skip the modal, which they cannot click.
  registerSafeCommand(context, CommandIds.resetProgress, async (options?: { confirm?: boolean }) => {
    if (options?.confirm !== false) {
      const answer = await vscode.window.showWarningMessage(
        'Reset your Serverless Lab progress?',
        { modal: true, detail: 'Completed lessons and quiz answers are forgotten on every synced machine. This cannot be undone.' },
        'Reset Progress',
      );
      if (answer !== 'Reset Progress') return false;
    }
    await progress.reset();
    return true;
  });

  registerSafeCommand(context, CommandIds.getStarted, async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    return true;
  });
}

/** QuickPick of every lesson, grouped by track, with completion state. */
async function pickLesson(library: LessonLibrary, progress: ProgressStore): Promise<string | undefined> {
  const catalog = await library.catalog();
  const p = progress.get();
  const items: LessonPick[] = [];
  for (const track of TRACKS) {
    const lessons = catalog.lessons.filter((l) => l.meta.track === track);
    if (!lessons.length) continue;
    items.push({ label: track, kind: vscode.QuickPickItemKind.Separator });
    for (const { meta } of lessons) {
      const done = p.completed.includes(meta.id);
      items.push({
        label: `$(${done ? 'check' : 'circle-outline'}) ${meta.title}`,
        description: `${meta.estimatedMinutes} min${done ? ' · completed' : ''}`,
        detail: meta.summary,
        lessonId: meta.id,
      });
    }
  }
  if (catalog.broken.length) items.push({ label: 'Lessons with problems', kind: vscode.QuickPickItemKind.Separator });
  for (const b of catalog.broken) items.push({ label: `$(error) ${b.file}`, detail: b.problems[0]?.message, lessonId: brokenId(b.file) });
  const pick = await vscode.window.showQuickPick(items, { title: 'Open Lesson', placeHolder: 'Pick a lesson (grouped by track)', matchOnDetail: true });
  return pick?.lessonId;
}
