import * as path from 'node:path';
import * as vscode from 'vscode';
import { migrateLessonState, LESSON_VIEW_TYPE, type ExerciseAction } from '../../shared/lessonProtocol';
import { CommandIds } from '../commandIds';
import type { ExtensionServices } from '../services';
import { getLogger } from '../log';
import { registerLessonCommands } from './lessonCommands';
import { registerLessonDiagnostics } from './lessonDiagnostics';
import { LessonLibrary } from './lessonLibrary';
import { ExerciseActions } from './exerciseActions';
import { LessonBlockActions, openSample } from './blockActions';
import { LessonPanelManager } from './lessonPanel';
import { LESSONS_VIEW_ID, LessonsTreeProvider } from './lessonsTree';
import { ProgressStore } from './progressStore';
import { openWelcomeIfWanted } from './welcome';

/** Lessons feature: library, progress, tree, panel (+ serializer), commands and author diagnostics. Nothing heavy loads here. */
export function registerLessons(services: ExtensionServices): void {
  const { context, config } = services;
  const lessonsRoot = path.join(context.extensionUri.fsPath, 'lessons');
  const library = new LessonLibrary(lessonsRoot);
  const progress = new ProgressStore(context.globalState);
  const exercises = new ExerciseActions(library, progress, () => services.runtime());
  // blockActions is a lazy module: it loads when a learner first runs a block or follows a tool link.
  let blocks: LessonBlockActions | undefined;
  const panels = new LessonPanelManager(context.extensionUri, library, progress, config, exercises, () => (blocks ??= new LessonBlockActions(library, progress, () => services.runtime(), getLogger('lessonBlocks'))));
  const tree = new LessonsTreeProvider(library, progress);
  context.subscriptions.push(
    library,
    progress,
    panels,
    tree,
    vscode.window.registerTreeDataProvider(LESSONS_VIEW_ID, tree),
    vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => panels.restore(panel, migrateLessonState(state)?.lessonId ?? progress.get().currentLessonId),
    }),
  );
  registerLessonCommands({ context, library, progress, panels });
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.exerciseAction, async (lessonId: string, exerciseId: string, action: ExerciseAction) => {
      const loaded = await library.load(lessonId);
      if (!loaded) throw new Error(`No lesson "${lessonId}".`);
      const result = await exercises.act(loaded, exerciseId, action);
      if (panels.currentLessonId === lessonId) await panels.show(lessonId); // the open card shows the new state
      return result;
    }),
  );
  context.subscriptions.push(vscode.commands.registerCommand(CommandIds.openSample, (uri?: vscode.Uri, handlerName?: string) => openSample(uri, handlerName)));
  // The walkthrough invokes a sample shipped with the lessons, through the ordinary invoke command (history, panel, trust check).
  const sample = vscode.Uri.file(path.join(lessonsRoot, 'exercises', 'heavy-init', 'solution', 'handler.js'));
  const trySample = (mode: 'cold' | 'invoke') => () => vscode.commands.executeCommand(CommandIds.invokeHandler, sample, 'handler', { mode, event: { country: 'FR' } });
  context.subscriptions.push(vscode.commands.registerCommand(CommandIds.tryInvokeCold, trySample('cold')), vscode.commands.registerCommand(CommandIds.tryInvokeWarm, trySample('invoke')));
  registerLessonDiagnostics(context, library, [lessonsRoot]);
  void openWelcomeIfWanted(config, library, panels).catch((err: unknown) => getLogger('lessons').error(`welcome lesson: ${String(err)}`));
}
