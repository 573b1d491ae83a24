// The embedded local invoker: Lambda-compatible sandboxes (separate processes speaking the Runtime API).
import { LocalInvoker } from './localInvoker';
import type { Invoker, InvokerOptions } from './types';

export * from './types';
export { hostPlatform, platformFor, limitations, type PlatformCapabilities, type ProcessPlatform } from './platform';

/** Creates an invoker; call dispose() to stop every sandbox it started. */
export function createInvoker(options: InvokerOptions = {}): Invoker {
  return new LocalInvoker(options);
}
