// Scaffolding in the editor: "New Function…", "Export to AWS SAM" and the provider comparison (Rosetta).
import * as path from 'path';
import * as vscode from 'vscode';
import { loadTemplates, type TemplateSource } from '../../core/scaffold';
import { CommandIds } from '../commandIds';
import { registerSafeCommand } from '../commandBoundary';
import type { ExtensionServices } from '../services';
import { exportToSam, type ExportSamArgs } from './exportSam';
import { newFunction, type NewFunctionArgs } from './newFunction';
import { ROSETTA_SCHEME, RosettaFileSystem, showRosetta, type RosettaArgs } from './rosetta';

/** Registers the scaffolding commands; templates are read lazily on first use. */
export function registerScaffold(services: ExtensionServices): void {
  const { context } = services;
  let templates: TemplateSource | undefined;
  const load = () => (templates ??= loadTemplates(path.join(context.extensionPath, 'templates')));
  registerSafeCommand(context, CommandIds.newFunction, (args?: Partial<NewFunctionArgs>) => newFunction(load(), args));
  registerSafeCommand(context, CommandIds.exportSam, (args?: ExportSamArgs) => exportToSam(args));
  registerSafeCommand(context, CommandIds.showRosetta, (args?: RosettaArgs) => showRosetta(load(), args));
  const rosettaFs = new RosettaFileSystem(load);
  context.subscriptions.push(rosettaFs, vscode.workspace.registerFileSystemProvider(ROSETTA_SCHEME, rosettaFs, { isReadonly: true, isCaseSensitive: true }));
}
