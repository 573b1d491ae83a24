import * as vscode from 'vscode';
import { buildOverview, formatMinutes, missingPrerequisites, TRACKS, type LessonMeta, type LessonSource, type ProgressOverview, type Track } from '../../core/lessons';
import { CommandIds } from '../commandIds';
import { brokenId, type LessonLibrary } from './lessonLibrary';
import type { ProgressStore } from './progressStore';

/** Id of the Lessons tree view (package.json contributes.views.serverlessLab). */
export const LESSONS_VIEW_ID = 'serverlessLab.lessons';

/** A node of the Lessons tree: the progress overview, where to continue, a track, a lesson, or a lesson file that failed validation. */
export type LessonNode =
  | { kind: 'overview'; overview: ProgressOverview }
  | { kind: 'continue'; lesson: LessonMeta; reason: string }
  | { kind: 'track'; track: Track; lessons: LessonSource[] }
  | { kind: 'lesson'; lesson: LessonSource }
  | { kind: 'broken'; file: string; message: string };

/** Lessons grouped by track, each showing whether it is completed, under a progress overview and a "continue" row. */
export class LessonsTreeProvider implements vscode.TreeDataProvider<LessonNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LessonNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subs: vscode.Disposable[];
  /** Every lesson's front matter in course order, from the last getChildren (prerequisite titles in tooltips). */
  private metas: LessonMeta[] = [];

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
    this.metas = catalog.lessons.map((l) => l.meta);
    const overview = buildOverview(this.metas, this.progress.get());
    const next = overview.continueWith && this.metas.find((m) => m.id === overview.continueWith?.lessonId);
    const head: LessonNode[] = this.metas.length ? [{ kind: 'overview', overview }] : [];
    if (next && overview.continueWith) head.push({ kind: 'continue', lesson: next, reason: overview.continueWith.reason });
    const tracks: LessonNode[] = TRACKS.map((track) => ({ kind: 'track' as const, track, lessons: catalog.lessons.filter((l) => l.meta.track === track) })).filter((t) => t.lessons.length > 0);
    const broken: LessonNode[] = catalog.broken.map((b) => ({ kind: 'broken', file: b.file, message: b.problems[0]?.message ?? 'invalid lesson' }));
    return [...head, ...tracks, ...broken];
  }

  getTreeItem(node: LessonNode): vscode.TreeItem {
    const p = this.progress.get();
    switch (node.kind) {
      case 'overview': {
        const o = node.overview;
        const item = new vscode.TreeItem(`Progress: ${o.percent}%`, vscode.TreeItemCollapsibleState.None);
        item.id = 'overview';
        item.iconPath = new vscode.ThemeIcon('graph');
        item.description = `${o.completed}/${o.total} lessons · ${formatMinutes(o.minutesLeft)} left`;
        const rows = o.tracks.map((t) => `| ${t.track} | ${t.completed}/${t.total} | ${t.percent}% | ${formatMinutes(t.minutesLeft)} |`);
        item.tooltip = new vscode.MarkdownString(['| Track | Done | % | Time left |', '|---|---|---|---|', ...rows].join('\n'));
        item.accessibilityInformation = { label: `Progress ${o.percent} percent, ${o.completed} of ${o.total} lessons completed, about ${formatMinutes(o.minutesLeft)} left` };
        item.contextValue = 'overview';
        return item;
      }
      case 'continue': {
        const { lesson } = node;
        const verb = node.reason === 'start' ? 'Start' : 'Continue';
        const item = new vscode.TreeItem(`${verb}: ${lesson.title}`, vscode.TreeItemCollapsibleState.None);
        item.id = 'continue';
        item.iconPath = new vscode.ThemeIcon('debug-continue');
        item.description = node.reason === 'in-progress' ? 'where you left off' : `${lesson.track} · ${lesson.estimatedMinutes} min`;
        item.tooltip = new vscode.MarkdownString(`**${lesson.title}**\n\n${lesson.summary}`);
        item.contextValue = 'continue';
        item.command = { command: CommandIds.openLesson, title: 'Open Lesson', arguments: [lesson.id] };
        return item;
      }
      case 'track': {
        const t = buildOverview(node.lessons.map((l) => l.meta), p).tracks[0];
        const item = new vscode.TreeItem(node.track, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `track:${node.track}`;
        item.description = t ? `${t.completed}/${t.total} · ${t.percent}% · ${formatMinutes(t.minutesLeft)} left` : '';
        item.contextValue = 'track';
        return item;
      }
      case 'lesson': {
        const { meta } = node.lesson;
        const completed = p.completed.includes(meta.id);
        // Prerequisites are advice: shown, never enforced (issue 18).
        const missing = completed ? [] : missingPrerequisites(meta, this.metas, p);
        const item = new vscode.TreeItem(meta.title, vscode.TreeItemCollapsibleState.None);
        item.id = `lesson:${meta.id}`;
        item.iconPath = new vscode.ThemeIcon(completed ? 'check' : 'circle-outline');
        item.description = `${meta.estimatedMinutes} min${p.currentLessonId === meta.id ? ' · current' : ''}${missing.length ? ` · needs ${missing.length === 1 ? missing[0].title : `${missing.length} lessons`}` : ''}`;
        const before = missing.length ? `\n\nRecommended first (not required): ${missing.map((m) => m.title).join(', ')}` : '';
        item.tooltip = new vscode.MarkdownString(`**${meta.title}**${completed ? ' (completed)' : ''}\n\n${meta.summary}${before}`);
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
