// "Serverless Lab: Compare Providers (Rosetta)…": the same job written for AWS Lambda, Azure Functions and
// Google Cloud Functions, side by side in read-only editors, rendered from the same templates as New Function.
import * as vscode from 'vscode';
import { renderFunction, type LanguageId, type ProviderId, type TemplateSource } from '../../core/scaffold';
import { BACK, pickOne } from './multiStep';

/** URI scheme of the read-only comparison documents. */
export const ROSETTA_SCHEME = 'serverless-lab-rosetta';

const providerOrder: ProviderId[] = ['aws', 'azure', 'gcp'];

/** Optional argument (tests, links): the group id from the manifest's "rosetta" list and the language. */
export interface RosettaArgs {
  group: string;
  language: LanguageId;
}

/**
 * Serves `/<group>/<language>/<provider>-handler.<ext>` as the rendered handler, read-only. A file system
 * provider rather than a content provider, so "onFileSystem" activation lets the editors come back after a reload.
 */
export class RosettaFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  /** Never fires: the documents only change when the extension is updated. */
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly templates: () => TemplateSource) {}

  private content(uri: vscode.Uri): Uint8Array {
    const [, groupId, language, file] = uri.path.split('/');
    const provider = (file ?? '').split('-')[0] as ProviderId;
    const { manifest, read } = this.templates();
    const trigger = manifest.rosetta?.find((g) => g.id === groupId)?.triggers[provider];
    if (!trigger || !(language in manifest.languages)) throw vscode.FileSystemError.FileNotFound(uri);
    const rendered = renderFunction(manifest, read, { provider, language: language as LanguageId, trigger, name: 'processOrder' });
    return new TextEncoder().encode(rendered.files.find((f) => f.role === 'handler')?.content ?? '');
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.content(uri).byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.content(uri);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
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

/** Opens one editor column per provider; returns the documents shown (undefined when cancelled). */
export async function showRosetta(templates: TemplateSource, args?: RosettaArgs): Promise<vscode.Uri[] | undefined> {
  const { manifest } = templates;
  const groups = manifest.rosetta ?? [];
  let choice = args;
  if (!choice) {
    const title = 'Serverless Lab: Compare Providers';
    const group = await pickOne({ title, step: 1, totalSteps: 2 }, groups.map((g) => ({ label: g.label, description: Object.keys(g.triggers).join(' · '), detail: g.detail, id: g.id })), 'Which job?');
    if (!group || group === BACK) return undefined;
    const languages = (Object.keys(manifest.languages) as LanguageId[]).map((id) => ({ label: manifest.languages[id].label, id }));
    const language = await pickOne({ title, step: 2, totalSteps: 2 }, languages, 'Language');
    if (!language || language === BACK) return language === BACK ? showRosetta(templates) : undefined;
    choice = { group: group.id, language: language.id };
  }
  const group = groups.find((g) => g.id === choice!.group);
  if (!group) throw new Error(`No comparison "${choice.group}" (available: ${groups.map((g) => g.id).join(', ')})`);
  const ext = manifest.languages[choice.language].ext;
  const uris = providerOrder.filter((p) => group.triggers[p]).map((p) => vscode.Uri.from({ scheme: ROSETTA_SCHEME, path: `/${group.id}/${choice!.language}/${p}-handler.${ext}` }));
  for (const [i, uri] of uris.entries()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: i + 1, preview: false, preserveFocus: i > 0 });
  }
  return uris;
}
