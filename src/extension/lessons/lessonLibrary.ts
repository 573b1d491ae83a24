import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCatalog, loadLessonRenderer, renderErrorCard, type LessonCatalog, type LessonRenderer, type LessonSource, type RenderedLesson } from '../../core/lessons';
import { getLogger } from '../log';

const log = getLogger('lessons');

/** Prefix of the pseudo-id given to a lesson file whose front matter is broken (never a valid kebab id). */
export const BROKEN_PREFIX = '!';

/** A lesson ready to show: its source and rendering, or the error card of a broken file. */
export interface LoadedLesson {
  id: string;
  source?: LessonSource;
  rendered: RenderedLesson;
}

/**
 * The lessons shipped in the extension's `lessons/` folder. The catalog (front matter only) loads
 * on first use; the Markdown renderer loads only when a lesson is shown.
 */
export class LessonLibrary implements vscode.Disposable {
  private catalogPromise?: Promise<LessonCatalog>;
  private rendererPromise?: Promise<LessonRenderer>;
  private readonly renderedCache = new Map<string, RenderedLesson>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when lesson files change on disk (authors editing lessons). */
  readonly onDidChange = this.emitter.event;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor(readonly dir: string) {
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '**/*.md'));
    const reload = (): void => this.reload();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  /** Drops caches so the next read sees the files on disk. */
  reload(): void {
    this.catalogPromise = undefined;
    this.renderedCache.clear();
    this.emitter.fire();
  }

  /** The catalog, in course order. */
  catalog(): Promise<LessonCatalog> {
    this.catalogPromise ??= loadCatalog(this.dir, 'lessons').then((c) => {
      const problems = [...c.problems, ...c.broken.flatMap((b) => b.problems)];
      log.info(`loaded ${c.lessons.length} lessons from ${this.dir}${problems.length ? `, ${problems.length} problems` : ''}`);
      for (const p of problems) log.warn(`${p.file}:${p.line}: ${p.message}`);
      return c;
    });
    return this.catalogPromise;
  }

  /** The Markdown renderer (loads markdown-it and highlight.js on first call). */
  renderer(): Promise<LessonRenderer> {
    this.rendererPromise ??= loadLessonRenderer();
    return this.rendererPromise;
  }

  /** Loads and renders one lesson by id (or broken pseudo-id); undefined when unknown. */
  async load(id: string): Promise<LoadedLesson | undefined> {
    const catalog = await this.catalog();
    if (id.startsWith(BROKEN_PREFIX)) {
      const broken = catalog.broken.find((b) => brokenId(b.file) === id);
      return broken && { id, rendered: { html: renderErrorCard(broken.problems), problems: broken.problems, directives: [] } };
    }
    const source = catalog.lessons.find((l) => l.meta.id === id);
    if (!source) return undefined;
    let rendered = this.renderedCache.get(id);
    if (!rendered) {
      rendered = (await this.renderer()).render(source);
      // Cross-lesson problems (duplicate id, unknown prerequisite) belong on the card too.
      const cross = catalog.problems.filter((p) => p.file === source.file && p.severity === 'error');
      if (cross.length) rendered = { ...rendered, problems: [...cross, ...rendered.problems], html: renderErrorCard(cross) + rendered.html };
      this.renderedCache.set(id, rendered);
    }
    return { id, source, rendered };
  }

  dispose(): void {
    this.watcher.dispose();
    this.emitter.dispose();
  }
}

/** Pseudo-id of a broken lesson file, stable across reloads. */
export function brokenId(file: string): string {
  return BROKEN_PREFIX + path.basename(file);
}
