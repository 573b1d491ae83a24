import * as vscode from 'vscode';
import { TRACKS, type LessonSource, type Track } from '../../core/lessons';
import { CommandIds } from '../commandIds';
import { brokenId, type LessonLibrary } from './lessonLibrary';
import type { ProgressStore } from './progressStore';

/** Id of the Lessons tree view (package.json contributes.views.serverlessLab). */
export const LESSONS_VIEW_ID = 'serverlessLab.lessons';

/** A node of the Lessons tree: a track, a lesson, or a lesson file that failed validation. */
export type LessonNode =
  | { kind: 'track'; track: Track; lessons: LessonSource[] }
  | { kind: 'lesson'; lesson: LessonSource }
  | { kind: 'broken'; file: string; message: string };

/** Lessons grouped by track, each showing whether it is completed. */
export class LessonsTreeProvider implements vscode.TreeDataProvider<LessonNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LessonNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly library: LessonLibrary,
    private readonly progress: ProgressStore,
  ) {
    this.subs = [library.onDidChange(() => this.refresh()), progress.onDidChange(() => this.refresh())];
  }

  /** Redraws the whole tree (it is small). */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: LessonNode): Promise<LessonNode[]> {
    if (node?.kind === 'track') return node.lessons.map((lesson) => ({ kind: 'lesson', lesson }));
    if (node) return [];
    const catalog = await this.library.catalog();
    const tracks: LessonNode[] = TRACKS.map((track) => ({ kind: 'track' as const, track, lessons: catalog.lessons.filter((l) => l.meta.track === track) })).filter((t) => t.lessons.length > 0);
    const broken: LessonNode[] = catalog.broken.map((b) => ({ kind: 'broken', file: b.file, message: b.problems[0]?.message ?? 'invalid lesson' }));
    return [...tracks, ...broken];
  }

  getTreeItem(node: LessonNode): vscode.TreeItem {
    const p = this.progress.get();
    switch (node.kind) {
      case 'track': {
        const done = node.lessons.filter((l) => p.completed.includes(l.meta.id)).length;
        const item = new vscode.TreeItem(node.track, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `track:${node.track}`;
        item.description = `${done}/${node.lessons.length}`;
        item.contextValue = 'track';
        return item;
      }
      case 'lesson': {
        const { meta } = node.lesson;
        const completed = p.completed.includes(meta.id);
        const item = new vscode.TreeItem(meta.title, vscode.TreeItemCollapsibleState.None);
        item.id = `lesson:${meta.id}`;
        item.iconPath = new vscode.ThemeIcon(completed ? 'check' : 'circle-outline');
        item.description = `${meta.estimatedMinutes} min${p.currentLessonId === meta.id ? ' · current' : ''}`;
        item.tooltip = new vscode.MarkdownString(`**${meta.title}**${completed ? ' (completed)' : ''}\n\n${meta.summary}`);
        item.accessibilityInformation = { label: `${meta.title}, ${completed ? 'completed' : 'not completed'}, ${meta.estimatedMinutes} minutes` };
        item.contextValue = completed ? 'lesson.completed' : 'lesson';
        item.command = { command: CommandIds.openLesson, title: 'Open Lesson', arguments: [meta.id] };
        return item;
      }
      case 'broken': {
        const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.None);
        item.id = `broken:${node.file}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.description = 'has problems';
        item.tooltip = node.message;
        item.command = { command: CommandIds.openLesson, title: 'Open Lesson', arguments: [brokenId(node.file)] };
        return item;
      }
    }
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
