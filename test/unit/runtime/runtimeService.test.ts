import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FunctionRegistry, type RegistryHost } from '../../../src/core/functions';
import type { FunctionConfig, InvocationRecord, Invoker, InvokeRequest } from '../../../src/core/invoker/types';
import { RuntimeService, UnknownFunctionError, type RuntimeRecord } from '../../../src/core/runtime';

const root = path.resolve('/ws');
const files: Record<string, string> = {
  [path.join(root, '.serverless-lab/functions.json')]: '{"functions":{"orders":{"handler":"orders.js","env":{"TABLE":"t","AWS_ENDPOINT_URL":"http://mine"}}}}',
  [path.join(root, 'orders.js')]: '',
  [path.join(root, 'other.py')]: '',
};
const host: RegistryHost = { readFile: async (f) => files[f], exists: async (f) => files[f] !== undefined, findTemplates: async () => [] };

/** Records what the runtime passes to the invoker; answers with a minimal record. */
class FakeInvoker implements Partial<Invoker> {
  readonly calls: { config: FunctionConfig; request: InvokeRequest }[] = [];
  async invoke(config: FunctionConfig, request: InvokeRequest): Promise<InvocationRecord> {
    this.calls.push({ config, request });
    return { requestId: `r${this.calls.length}`, functionName: config.name, cold: this.calls.length === 1, timings: { invokeMs: 1, startedAt: 0 }, report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 1 }, logs: [], response: 'ok' };
  }
}

function service(): { runtime: RuntimeService; invoker: FakeInvoker } {
  const invoker = new FakeInvoker();
  return { runtime: new RuntimeService(new FunctionRegistry([root], host), invoker as unknown as Invoker), invoker };
}

describe('runtime/RuntimeService', () => {
  it('invokes by name or handler file and records who asked, why and what ran', async () => {
    const { runtime, invoker } = service();
    const seen: RuntimeRecord[] = [];
    runtime.onInvocation((r) => seen.push(r));
    const byName = await runtime.invoke('orders', { a: 1 }, { source: 'event-rule', invocationType: 'Event', causationId: 'evt-1', traceId: 'trace-1' });
    assert.deepEqual([byName.source, byName.invocationType, byName.causationId, byName.traceId], ['event-rule', 'Event', 'evt-1', 'trace-1']);
    assert.deepEqual(byName.function, { handlerFile: path.join(root, 'orders.js'), handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 3, keepAliveSec: 600, configSource: 'functions.json' });
    assert.deepEqual(invoker.calls[0].request, { event: { a: 1 } });
    const byFile = await runtime.invoke(path.join(root, 'other.py'), {}, { source: 'exercise-check', forceCold: true });
    assert.deepEqual([byFile.functionName, byFile.invocationType, byFile.forcedCold, byFile.function?.handlerName], ['other', 'RequestResponse', true, 'lambda_handler']);
    assert.equal(invoker.calls[1].request.forceCold, true);
    assert.deepEqual(seen, [byName, byFile], 'listeners see every invocation');
  });

  it('merges environment: providers, then the function configuration, then the call; later wins', async () => {
    const { runtime, invoker } = service();
    const remove = runtime.addEnvironmentProvider(() => ({ AWS_ENDPOINT_URL: 'http://engine', SUPABASE_URL: 'http://baas' }));
    await runtime.invoke('orders', {}, { source: 'queue', env: { TABLE: 'override' } });
    assert.deepEqual(invoker.calls[0].config.env, { AWS_ENDPOINT_URL: 'http://mine', SUPABASE_URL: 'http://baas', TABLE: 'override' });
    remove();
    await runtime.invoke('orders', {}, { source: 'queue' });
    assert.deepEqual(invoker.calls[1].config.env, { TABLE: 't', AWS_ENDPOINT_URL: 'http://mine' });
  });

  it('passes the same config object while nothing changed, so the invoker stays on its warm path', async () => {
    const { runtime, invoker } = service();
    runtime.addEnvironmentProvider(() => ({ SUPABASE_URL: 'http://baas' }));
    runtime.addEnvironmentProvider(() => {
      throw new Error('a broken provider adds nothing');
    });
    await runtime.invoke('orders', {}, { source: 'editor' });
    await runtime.invoke('orders', {}, { source: 'editor' });
    assert.equal(invoker.calls[0].config, invoker.calls[1].config);
    assert.equal(invoker.calls[0].config.env?.SUPABASE_URL, 'http://baas');
  });

  it('throws for an unknown function, naming the known ones', async () => {
    const { runtime, invoker } = service();
    await assert.rejects(runtime.invoke('nope', {}, { source: 'cli' }), (err: Error) => err instanceof UnknownFunctionError && /Known functions: orders\./.test(err.message));
    assert.equal(invoker.calls.length, 0);
  });
});
