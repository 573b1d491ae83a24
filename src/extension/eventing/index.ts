// Eventing feature glue: services.eventing() (the engine host, built on first use), the event commands,
// the Event Flow panel's serializer. Everything heavy sits in the lazy eventingHost / eventingUi bundles.
import * as vscode from 'vscode';
import { EVENT_FLOW_VIEW_TYPE, migrateEventFlowState } from '../../shared/eventFlowProtocol';
import { registerSafeCommand } from '../commandBoundary';
import { CommandIds } from '../commandIds';
import { SettingKeys } from '../config';
import { getLogger } from '../log';
import type { ExtensionServices } from '../services';
import type { FaultSettings } from '../../core/eventing/faults';
import type { EventingHost } from './host';

const SETTINGS_KEY = 'serverlessLab.events.settings';
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
      // Fault switches and paused schedules are the learner's settings for this workspace: they survive a reload.
      const memento = services.context.workspaceState;
      const saved = memento.get<{ faults?: FaultSettings; schedulesPaused?: boolean }>(SETTINGS_KEY);
      try {
        if (saved?.faults) created.setFaults(saved.faults);
      } catch (err) {
        getLogger('eventing').warn(`saved fault settings ignored: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (saved?.schedulesPaused) created.setSchedulesPaused(true);
      services.context.subscriptions.push(created.onDidChange(() => void memento.update(SETTINGS_KEY, { faults: created.faults(), schedulesPaused: created.schedulesPaused })));
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
  // Arguments come positionally (tests, lesson links) or as one options object (the template CodeLenses: { bus }, { queue }, { topic }, { nodeId }).
  const opts = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  registerSafeCommand(context, CommandIds.openEventFlow, async (arg?: unknown) => (await getUi()).openFlow(str(opts(arg)?.nodeId)));
  registerSafeCommand(context, CommandIds.putEvent, async (entry?: unknown, bus?: string, count?: number) => {
    const o = opts(entry);
    // { bus } alone (a lens on a rule or bus) asks for the event; anything else is the entry itself.
    const onlyBus = o && Object.keys(o).every((k) => k === 'bus' || k === 'count');
    return (await getUi()).commands.putEvent(onlyBus ? undefined : entry, onlyBus ? str(o.bus) : bus, onlyBus && typeof o.count === 'number' ? o.count : count);
  });
  registerSafeCommand(context, CommandIds.sendMessage, async (queue?: unknown, body?: string) => (await getUi()).commands.sendMessage(str(queue) ?? str(opts(queue)?.queue), body ?? str(opts(queue)?.body)));
  registerSafeCommand(context, CommandIds.publishMessage, async (topic?: unknown, message?: string) => (await getUi()).commands.publish(str(topic) ?? str(opts(topic)?.topic), message ?? str(opts(topic)?.message)));
  registerSafeCommand(context, CommandIds.redriveDlq, async (queue?: unknown) => (await getUi()).commands.redriveDlq(str(queue) ?? str(opts(queue)?.queue)));
  registerSafeCommand(context, CommandIds.purgeQueue, async (queue?: unknown, options?: { confirmed?: boolean }) => (await getUi()).commands.purgeQueue(str(queue) ?? str(opts(queue)?.queue), options));
  registerSafeCommand(context, CommandIds.toggleSchedules, async (paused?: boolean) => (await getUi()).commands.toggleSchedules(typeof paused === 'boolean' ? paused : undefined));
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(EVENT_FLOW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await getUi()).panel.restore(panel, migrateEventFlowState(state)?.inspected),
    }),
  );
}
