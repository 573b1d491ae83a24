// Shared set-up of the eventing system tests: an engine with its endpoint, and SDK client settings.
import { EventEngine, ManualClock, systemClock, type Clock } from '../../../src/core/eventing';
import { startEndpoint, type EventEndpoint } from '../../../src/core/eventing/endpoint/server';
import type { FunctionRuntime } from '../../../src/core/runtime/types';
import { fakeRuntime } from '../../unit/eventing/fakeRuntime';

/** A running engine and endpoint. */
export interface World {
  engine: EventEngine;
  endpoint: EventEndpoint;
  /** Settings for any AWS SDK v3 client. */
  client: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  stop(): Promise<void>;
}

/** Starts an engine (real time unless a clock is given) and its endpoint on a free port. */
export async function startWorld(runtime: FunctionRuntime = fakeRuntime({}), clock: Clock = systemClock(), extra: Partial<ConstructorParameters<typeof EventEngine>[0]> = {}): Promise<World> {
  const engine = new EventEngine({ runtime, clock, ...extra });
  const endpoint = await startEndpoint(engine);
  engine.start();
  return {
    engine,
    endpoint,
    client: { endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    async stop() {
      engine.stop();
      await endpoint.close();
    },
  };
}

export { ManualClock };
