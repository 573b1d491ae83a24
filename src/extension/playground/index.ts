// Activation-side stub of the pattern playground and template.yaml event support: hands the entry's
// command boundary, log and settings to the lazily built wiring (./register) and heavy half (./feature).
import { registerSafeCommand } from '../commandBoundary';
import { SettingKeys } from '../config';
import { getLogger } from '../log';
import type { ExtensionServices } from '../services';
import * as feature from './feature';
import { registerPlayground } from './register';
import type { RecentEventsSource } from './types';

/** Registers the playground, its commands and the template lenses, hover and diagnostics. */
export function registerPatternPlayground(services: ExtensionServices): void {
  registerPlayground({
    context: services.context,
    registerSafeCommand: registerSafeCommand as never,
    log: getLogger('playground'),
    lensesEnabled: () => services.config.get<boolean>(SettingKeys.codeLensEnabled, true),
    onDidChangeConfig: services.config.onDidChange,
    eventing: (): Promise<RecentEventsSource> => services.eventing(),
    feature: () => feature,
  });
}
