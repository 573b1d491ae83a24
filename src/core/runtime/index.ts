// The runtime service for headless callers (CLI, event engine, BaaS, exercise checks, tests):
// a registry over the local file system plus one invoker, behind the FunctionRuntime contract.
import { FunctionRegistry } from '../functions/registry';
import { nodeRegistryHost } from '../functions/nodeHost';
import { createInvoker, type InvokerOptions } from '../invoker';
import { RuntimeService } from './runtimeService';

export * from './types';
export { RuntimeService, UnknownFunctionError } from './runtimeService';

/** Creates a runtime service over `folders` (workspace folders; default the current directory). Call `invoker.dispose()` when done. */
export function createRuntime(options: { folders?: string[]; invoker?: InvokerOptions } = {}): RuntimeService {
  const registry = new FunctionRegistry(options.folders ?? [process.cwd()], nodeRegistryHost());
  return new RuntimeService(registry, createInvoker(options.invoker));
}
