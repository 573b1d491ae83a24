// Eventing feature glue: creates the event engine host on first use. Commands, the status bar and
// the Event Flow panel register in registerEventing (src/extension/eventing/register.ts).
import type { ExtensionServices } from '../services';
import type { EventingHost } from './host';
import { SettingKeys } from '../config';
import { getLogger } from '../log';

/** Returns services.eventing(): the host is built on first call (lazily loaded) and shut down on deactivate. */
export function eventingService(services: Omit<ExtensionServices, 'eventing'>): () => Promise<EventingHost> {
  let host: Promise<EventingHost> | undefined;
  return () => {
    host ??= (async () => {
      const { EventingHost } = await import('./host');
      const runtime = await services.runtime();
      const created = await EventingHost.start({ runtime, log: getLogger('eventing'), compression: () => services.config.get<number>(SettingKeys.eventsTimeCompression, 1) });
      services.onDeactivate(() => created.shutdown());
      let compression = services.config.get<number>(SettingKeys.eventsTimeCompression, 1);
      services.context.subscriptions.push(
        created,
        services.config.onDidChange(() => {
          const next = services.config.get<number>(SettingKeys.eventsTimeCompression, 1);
          if (next !== compression) void created.reload();
          compression = next;
        }),
      );
      return created;
    })();
    // A failed start is not cached: the next use tries again.
    host.catch(() => (host = undefined));
    return host;
  };
}
