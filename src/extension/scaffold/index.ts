// Scaffolding in the editor: "New Function…" and "Export to AWS SAM".
import * as path from 'path';
import { loadTemplates, type TemplateSource } from '../../core/scaffold';
import { CommandIds } from '../commandIds';
import { registerSafeCommand } from '../commandBoundary';
import type { ExtensionServices } from '../extension';
import { exportToSam, type ExportSamArgs } from './exportSam';
import { newFunction, type NewFunctionArgs } from './newFunction';

/** Registers the scaffolding commands; templates are read lazily on first use. */
export function registerScaffold(services: ExtensionServices): void {
  const { context } = services;
  let templates: TemplateSource | undefined;
  const load = () => (templates ??= loadTemplates(path.join(context.extensionPath, 'templates')));
  registerSafeCommand(context, CommandIds.newFunction, (args?: Partial<NewFunctionArgs>) => newFunction(load(), args));
  registerSafeCommand(context, CommandIds.exportSam, (args?: ExportSamArgs) => exportToSam(args));
}
