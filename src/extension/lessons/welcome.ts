import * as vscode from 'vscode';
import { LESSON_VIEW_TYPE } from '../../shared/lessonProtocol';
import { SettingKeys, type Config } from '../config';
import { getLogger } from '../log';
import type { LessonPanelManager } from './lessonPanel';
import { courseOrder } from './sequence';
import type { LessonLibrary } from './lessonLibrary';

/**
 * With `serverlessLab.openWelcomeOnStartup` (set by `npm start`), shows the first lesson once the
 * window has started, unless a lesson panel was already restored from the last session.
 */
export async function openWelcomeIfWanted(config: Config, library: LessonLibrary, panels: LessonPanelManager): Promise<void> {
  if (!config.get<boolean>(SettingKeys.openWelcomeOnStartup, false)) return;
  const restored = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(LESSON_VIEW_TYPE)));
  if (restored || panels.currentLessonId) return;
  const first = (await courseOrder(library))[0];
  if (!first) return;
  getLogger('lessons').info(`opening the welcome lesson "${first.id}" (serverlessLab.openWelcomeOnStartup)`);
  await panels.open(first.id);
}
