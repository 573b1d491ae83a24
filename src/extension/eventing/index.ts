// Eventing feature glue: services.eventing() (the engine host, built on first use), the event commands,
// the Event Flow panel's serializer. Everything heavy sits in the lazy eventingHost / eventingUi bundles.
import * as vscode from 'vscode';
import { EVENT_FLOW_VIEW_TYPE, migrateEventFlowState } from '../../shared/eventFlowProtocol';
import { registerSafeCommand } from '../commandBoundary';
import { CommandIds } from '../commandIds';
import { SettingKeys } from '../config';
import { getLogger } from '../log';
import type { ExtensionServices } from '../services';
import type { EventingHost } from './host';
import type { EventingUi } from './ui';

/** Returns services.eventing(): the host is built on first call (lazily loaded) and shut down on deactivate. */
export function eventingService(services: Omit<ExtensionServices, 'eventing'>): () => Promise<EventingHost> {
  let host: Promise<EventingHost> | undefined;
  return () => {
    host ??= (async () => {
      const { EventingHost } = await import('./host');
      const runtime = await services.runtime();
      const read = () => services.config.get<number>(SettingKeys.eventsTimeCompression, 1);
      const created = await EventingHost.start({ runtime, log: getLogger('eventing'), compression: read });
      services.onDeactivate(() => created.shutdown());
      let compression = read();
      services.context.subscriptions.push(
        created,
        services.config.onDidChange(() => {
          if (read() !== compression) void created.reload();
          compression = read();
        }),
      );
      return created;
    })();
    // A failed start is not cached: the next use tries again.
    host.catch(() => (host = undefined));
    return host;
  };
}

/** Registers the event commands and the flow panel's serializer; nothing loads until one is used. */
export function registerEventing(services: ExtensionServices): void {
  const { context } = services;
  let ui: Promise<EventingUi> | undefined;
  const getUi = (): Promise<EventingUi> => {
    ui ??= (async () => {
      const [host, runtime, { EventingUi }] = await Promise.all([services.eventing(), services.runtime(), import('./ui')]);
      const created = new EventingUi(host, { extensionUri: context.extensionUri, log: getLogger('eventFlow'), runtime });
      context.subscriptions.push(created);
      return created;
    })();
    ui.catch(() => (ui = undefined));
    return ui;
  };
  registerSafeCommand(context, CommandIds.openEventFlow, async () => (await getUi()).openFlow());
  registerSafeCommand(context, CommandIds.putEvent, async (entry?: unknown, bus?: string) => (await getUi()).commands.putEvent(entry, bus));
  registerSafeCommand(context, CommandIds.sendMessage, async (queue?: string, body?: string) => (await getUi()).commands.sendMessage(queue, body));
  registerSafeCommand(context, CommandIds.publishMessage, async (topic?: string, message?: string) => (await getUi()).commands.publish(topic, message));
  registerSafeCommand(context, CommandIds.redriveDlq, async (queue?: string) => (await getUi()).commands.redriveDlq(queue));
  registerSafeCommand(context, CommandIds.purgeQueue, async (queue?: string, options?: { confirmed?: boolean }) => (await getUi()).commands.purgeQueue(queue, options));
  registerSafeCommand(context, CommandIds.toggleSchedules, async (paused?: boolean) => (await getUi()).commands.toggleSchedules(typeof paused === 'boolean' ? paused : undefined));
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(EVENT_FLOW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await getUi()).panel.restore(panel, migrateEventFlowState(state)?.inspected),
    }),
  );
}
