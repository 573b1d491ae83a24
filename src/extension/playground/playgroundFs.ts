// The playground's documents: a pattern and an event (writable JSON, kept in workspace state so they
// survive a reload) and the result (read-only, rewritten as either side changes). A file system provider,
// so the editors are real JSON editors and "onFileSystem" activation restores them after a reload.
import * as vscode from 'vscode';

/** URI scheme of the playground documents. */
export const PLAYGROUND_SCHEME = 'serverless-lab-playground';

/** The three documents (names end so that the contributed JSON schemas apply: see package.json jsonValidation). */
export const PlaygroundFiles = {
  pattern: '/pattern.eventpattern.json',
  event: '/event.eventbridge.json',
  result: '/Result.txt',
} as const;

/** URI of one playground document. */
export function playgroundUri(file: keyof typeof PlaygroundFiles): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAYGROUND_SCHEME, path: PlaygroundFiles[file] });
}

const STATE_KEY = 'serverlessLab.playground.documents';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** In-memory files with persisted pattern and event text. */
export class PlaygroundFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private filesMap?: Map<string, { text: string; mtime: number }>;
  private clock = Date.now();

  /** `defaults` is called once, on first read, when nothing was saved (so activation loads no sample catalogue). */
  constructor(private readonly state: vscode.Memento, private readonly defaults: () => { pattern: string; event: string }) {}

  private get files(): Map<string, { text: string; mtime: number }> {
    if (this.filesMap) return this.filesMap;
    const saved = this.state.get<{ pattern?: string; event?: string }>(STATE_KEY) ?? {};
    const defaults = saved.pattern === undefined || saved.event === undefined ? this.defaults() : undefined;
    this.filesMap = new Map([
      [PlaygroundFiles.pattern, { text: saved.pattern ?? defaults?.pattern ?? '{}', mtime: this.clock }],
      [PlaygroundFiles.event, { text: saved.event ?? defaults?.event ?? '{}', mtime: this.clock }],
      [PlaygroundFiles.result, { text: 'Type a pattern and an event: the result appears here.\n', mtime: this.clock }],
    ]);
    return this.filesMap;
  }

  /** Current text of a document as stored (open editors may hold newer, unsaved text). */
  text(file: keyof typeof PlaygroundFiles): string {
    return this.files.get(PlaygroundFiles[file])?.text ?? '';
  }

  /** Replaces a document's stored text and tells open editors (how the result document updates). */
  set(file: keyof typeof PlaygroundFiles, text: string): void {
    const path = PlaygroundFiles[file];
    if (this.files.get(path)?.text === text) return;
    // mtime must grow for the editor to reload, even for two writes within a millisecond.
    this.clock = Math.max(this.clock + 1, Date.now());
    this.files.set(path, { text, mtime: this.clock });
    if (file !== 'result') void this.state.update(STATE_KEY, { pattern: this.text('pattern'), event: this.text('event') });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: playgroundUri(file) }]);
  }

  private entry(uri: vscode.Uri): { text: string; mtime: number } {
    const entry = this.files.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const entry = this.entry(uri);
    const readonly = uri.path === PlaygroundFiles.result ? { permissions: vscode.FilePermission.Readonly } : {};
    return { type: vscode.FileType.File, ctime: 0, mtime: entry.mtime, size: encoder.encode(entry.text).byteLength, ...readonly };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return encoder.encode(this.entry(uri).text);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const file = (Object.keys(PlaygroundFiles) as (keyof typeof PlaygroundFiles)[]).find((k) => PlaygroundFiles[k] === uri.path);
    if (!file || file === 'result') throw vscode.FileSystemError.NoPermissions(uri);
    this.set(file, decoder.decode(content));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
