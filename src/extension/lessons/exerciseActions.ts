// The buttons of an exercise card. Starter files go to `<workspace>/exercises/<id>/`, never over a
// learner's file without asking; Check runs the learner's handler headless through the one runtime
// service; the solution opens as a diff only after one attempt.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { copyExerciseFiles, loadExercise, runChecks, type ExerciseSpec, type LoadedExercise } from '../../core/exercises';
import { exerciseProgress, lessonDone, markCompleted, updateExercise } from '../../core/lessons';
import { completionIds } from './completion';
import type { FunctionRuntime } from '../../core/runtime/types';
import type { ExerciseAction, ExerciseFeedbackView, ExerciseStateView } from '../../shared/lessonProtocol';
import type { LessonLibrary, LoadedLesson } from './lessonLibrary';
import type { ProgressStore } from './progressStore';

/** What an action produced, for the page. */
export interface ExerciseActionResult {
  state: ExerciseStateView;
  feedback?: ExerciseFeedbackView;
  lessonCompleted: boolean;
}

/** Exercise specs of a loaded lesson, in page order. */
export function exercisesOf(loaded: LoadedLesson): ExerciseSpec[] {
  return loaded.rendered.directives.filter((d) => d.kind === 'exercise').map((d) => d.value as ExerciseSpec);
}

/** Runs exercise actions for the lesson panel. */
export class ExerciseActions {
  constructor(
    private readonly library: LessonLibrary,
    private readonly progress: ProgressStore,
    private readonly runtime: () => Promise<FunctionRuntime>,
  ) {}

  /** The page's view of one exercise. */
  async state(loaded: LoadedLesson, spec: ExerciseSpec): Promise<ExerciseStateView> {
    const e = exerciseProgress(this.progress.get(), loaded.id, spec.id);
    const renderer = await this.library.renderer();
    return { exerciseId: spec.id, hintsHtml: spec.hints.slice(0, e.hintsShown).map((h) => renderer.renderInline(h)), hintCount: spec.hints.length, attempts: e.attempts, passed: e.passed };
  }

  /** Performs one button's action; throws an Error whose message is shown on the card. */
  async act(loaded: LoadedLesson, exerciseId: string, action: ExerciseAction): Promise<ExerciseActionResult> {
    const spec = exercisesOf(loaded).find((s) => s.id === exerciseId);
    if (!spec || !loaded.source) throw new Error(`Exercise "${exerciseId}" is not in this lesson any more; reopen the lesson.`);
    const exercise = await this.load(loaded, spec);
    const target = workspaceTarget(spec.id);
    let feedback: ExerciseFeedbackView | undefined;
    let lessonCompleted = false;
    switch (action) {
      case 'start':
        await copyExerciseFiles(exercise.starterDir, target, (rel) => confirm(`"${rel}" already exists in exercises/${spec.id}. Replace it with the starter file?`, 'Replace'));
        await openAt(path.join(target, spec.handler), spec.line ?? 1);
        break;
      case 'reset':
        if (!(await confirm(`Reset exercises/${spec.id} to the starter files? Your changes to them are lost.`, 'Reset'))) break;
        await copyExerciseFiles(exercise.starterDir, target, async () => true);
        await openAt(path.join(target, spec.handler), spec.line ?? 1);
        break;
      case 'hint':
        await this.progress.update((p) => updateExercise(p, loaded.id, spec.id, (e) => ({ ...e, hintsShown: Math.min(spec.hints.length, e.hintsShown + 1) })));
        break;
      case 'solution': {
        if (exerciseProgress(this.progress.get(), loaded.id, spec.id).attempts < 1) throw new Error('Press Check at least once first: the solution opens after one attempt.');
        const mine = vscode.Uri.file(path.join(target, spec.handler));
        await vscode.commands.executeCommand('vscode.diff', mine, vscode.Uri.file(path.join(exercise.solutionDir, spec.handler)), `${spec.handler}: yours ↔ solution`);
        break;
      }
      case 'check':
        ({ feedback, lessonCompleted } = await this.check(loaded, exercise, target));
        break;
    }
    return { state: await this.state(loaded, spec), ...(feedback ? { feedback } : {}), lessonCompleted };
  }

  private async check(loaded: LoadedLesson, exercise: LoadedExercise, target: string): Promise<{ feedback: ExerciseFeedbackView; lessonCompleted: boolean }> {
    if (!vscode.workspace.isTrusted) throw new Error('Check runs your code: trust this workspace first (command "Workspaces: Manage Workspace Trust").');
    const handlerFile = path.join(target, exercise.spec.handler);
    if (!(await exists(handlerFile))) throw new Error(`exercises/${exercise.spec.id}/${exercise.spec.handler} does not exist yet: press Start exercise first.`);
    // Check what the learner sees in the editor, not a stale file.
    await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.fsPath.startsWith(target)).map((d) => d.save()));
    const runtime = await this.runtime();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${exercise.spec.title}` }, () =>
      runChecks(exercise.checks, { runtime, handlerFile, ...(exercise.spec.handlerName ? { handlerName: exercise.spec.handlerName } : {}) }),
    );
    const wasCompleted = this.progress.get().completed.includes(loaded.id);
    const after = await this.progress.update((p) => {
      const next = updateExercise(p, loaded.id, exercise.spec.id, (e) => ({ ...e, attempts: e.attempts + 1, passed: result.passed }));
      return lessonDone(next, loaded.id, ...completionIds(loaded)) ? markCompleted(next, loaded.id) : next;
    });
    const passedCount = result.outcomes.filter((o) => o.passed).length;
    return {
      feedback: {
        passed: result.passed,
        message: result.passed ? `All ${result.outcomes.length} checks pass.` : `${result.firstFailure?.message ?? 'A check failed.'} (${passedCount} of ${result.outcomes.length} checks pass.)`,
        checks: result.outcomes.map((o) => ({ name: o.name, passed: o.passed })),
      },
      lessonCompleted: !wasCompleted && after.completed.includes(loaded.id),
    };
  }

  private async load(loaded: LoadedLesson, spec: ExerciseSpec): Promise<LoadedExercise> {
    const lessonFile = path.join(this.library.dir, path.relative('lessons', loaded.source?.file ?? ''));
    const { exercise, problems } = await loadExercise(lessonFile, spec);
    if (!exercise) throw new Error(`This exercise is broken: ${problems.join('; ')}`);
    return exercise;
  }
}

/** Where an exercise's files go in the learner's workspace. */
function workspaceTarget(exerciseId: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('Open a folder first (File > Open Folder): the exercise files are copied into it.');
  return path.join(folder.uri.fsPath, 'exercises', exerciseId);
}

async function confirm(message: string, yes: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true }, yes)) === yes;
}

async function exists(file: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(file));
    return true;
  } catch {
    return false;
  }
}

async function openAt(file: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  // Beside the lesson, so the learner edits with the task and the Check button still in view.
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: false, viewColumn: vscode.ViewColumn.Beside });
}
