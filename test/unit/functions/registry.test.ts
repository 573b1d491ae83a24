import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FunctionRegistry, resolveFunction, parseFunctionsFile, type RegistryHost } from '../../../src/core/functions';

const root = path.resolve('/ws');
const at = (rel: string): string => path.join(root, rel);

/** An in-memory host that counts reads, so tests can see when something is parsed. */
function memoryHost(files: Record<string, string>, withStamps = false): RegistryHost & { reads: Map<string, number>; files: Record<string, string> } {
  const reads = new Map<string, number>();
  const version = new Map<string, number>();
  const host = {
    files,
    reads,
    readFile: async (file: string) => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return files[file];
    },
    exists: async (file: string) => files[file] !== undefined,
    findTemplates: async (r: string) => Object.keys(files).filter((f) => f.startsWith(r) && /template\.ya?ml$/.test(f)),
    ...(withStamps ? { stamp: (file: string) => (files[file] === undefined ? undefined : `${version.get(file) ?? 0}:${files[file].length}`) } : {}),
  };
  return host;
}

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: app.lambda_handler
      Runtime: python3.13
      MemorySize: 512
      Events:
        Q: { Type: SQS, Properties: { Queue: arn:aws:sqs:us-east-1:123456789012:q } }
`;

describe('functions/registry', () => {
  it('resolves functions.json first, then SAM, then the single-file convention, with one set of defaults', async () => {
    const host = memoryHost({
      [at('.serverless-lab/functions.json')]: '{"functions":{"orders":{"handler":"src/orders.js","timeoutSec":10,"trigger":"sqs"}}}',
      [at('src/orders.js')]: '',
      [at('template.yaml')]: TEMPLATE,
      [at('hello/app.py')]: '',
      [at('lib/thing.ts')]: '',
    });
    const registry = new FunctionRegistry([root], host);
    const fromJson = await registry.resolveFile(at('src/orders.js'), 'handler');
    assert.deepEqual([fromJson.source, fromJson.config.name, fromJson.config.timeoutSec, fromJson.config.memoryMb, fromJson.trigger], ['functions.json', 'orders', 10, 128, 'sqs']);
    assert.equal(fromJson.declaredIn, at('.serverless-lab/functions.json'));
    const fromSam = await registry.resolveFile(at('hello/app.py'));
    assert.deepEqual([fromSam.source, fromSam.config.name, fromSam.config.memoryMb, fromSam.config.handlerName, fromSam.trigger], ['template.yaml', 'HelloFn', 512, 'lambda_handler', 'sqs']);
    const other = await registry.resolveFile(at('lib/thing.ts'), 'process');
    assert.deepEqual(other.config, { name: 'thing-process', handlerFile: at('lib/thing.ts'), handlerName: 'process', runtime: 'nodejs', memoryMb: 128, timeoutSec: 3, env: {}, architecture: 'x86_64', keepAliveSec: 600 });
    assert.equal(other.source, 'defaults');
    assert.deepEqual((await registry.byName('HelloFn'))?.config, fromSam.config, 'by name and by file give the same config');
    assert.equal((await registry.resolveFile(at('hello/app.py'), 'other_handler')).source, 'defaults', 'another handler in the same file is another function');
    assert.deepEqual((await registry.list()).map((f) => f.config.name), ['orders', 'HelloFn']);
  });

  it('resolves a name, a relative handler file, or nothing', async () => {
    const registry = new FunctionRegistry([root], memoryHost({ [at('.serverless-lab/functions.json')]: '{"functions":{"orders":{"handler":"src/orders.js"}}}', [at('src/orders.js')]: '', [at('bootstrap')]: '' }));
    assert.equal((await registry.resolve('orders'))?.config.handlerFile, at('src/orders.js'));
    assert.equal((await registry.resolve('src/orders.js'))?.config.name, 'orders');
    assert.equal((await registry.resolve('bootstrap'))?.config.runtime, 'provided', 'an extension-less file is a custom runtime');
    assert.equal(await registry.resolve('nope'), undefined);
  });

  it("runs an Azure/Google function's own file through its Lambda-style shim", () => {
    const { entries } = parseFunctionsFile(JSON.stringify({ functions: { onQueue: {
      handler: 'functions/onQueue/lambdaShim.js', provider: 'azure', source: 'functions/onQueue/handler.js', timeoutSec: 7, trigger: 'sqs',
    } } }));
    const viaSource = resolveFunction(at('functions/onQueue/handler.js'), 'handler', root, entries);
    assert.equal(viaSource.source, 'functions.json');
    assert.equal(viaSource.config.handlerFile, at('functions/onQueue/lambdaShim.js'));
    assert.deepEqual([viaSource.config.name, viaSource.config.timeoutSec, viaSource.trigger], ['onQueue', 7, 'sqs']);
  });

  it('parses a template once, again only after a watcher reports a change', async () => {
    const host = memoryHost({ [at('template.yaml')]: TEMPLATE, [at('hello/app.py')]: '' });
    const registry = new FunctionRegistry([root], host);
    for (let i = 0; i < 5; i++) await registry.resolve('HelloFn');
    assert.equal(host.reads.get(at('template.yaml')), 1, 'not re-read per invocation');
    host.files[at('template.yaml')] = TEMPLATE.replace('MemorySize: 512', 'MemorySize: 1024');
    assert.equal((await registry.resolve('HelloFn'))?.config.memoryMb, 512, 'cached until told');
    let changed = 0;
    registry.onDidChange(() => changed++);
    registry.invalidate(at('template.yaml'));
    assert.equal(changed, 1);
    assert.equal((await registry.resolve('HelloFn'))?.config.memoryMb, 1024);
    assert.equal(host.reads.get(at('template.yaml')), 2);
  });

  it('with a stamping host, sees edits without a watcher and keeps the same object while nothing changed', async () => {
    const host = memoryHost({ [at('.serverless-lab/functions.json')]: '{"functions":{"f":{"handler":"f.js"}}}', [at('f.js')]: '' }, true);
    const registry = new FunctionRegistry([root], host);
    const first = await registry.resolveFile(at('f.js'));
    assert.equal(await registry.resolveFile(at('f.js')), first, 'identical config object: the invoker keeps its warm path');
    assert.equal(host.reads.get(at('.serverless-lab/functions.json')), 1);
    host.files[at('.serverless-lab/functions.json')] = '{"functions":{"f":{"handler":"f.js","memoryMb":256}}}';
    assert.equal((await registry.resolveFile(at('f.js'))).config.memoryMb, 256);
  });

  it('reports a SAM function whose handler file is missing instead of dropping it silently', async () => {
    const registry = new FunctionRegistry([root], memoryHost({ [at('template.yaml')]: TEMPLATE }));
    const [t] = await registry.templateResults();
    assert.deepEqual(t.functions, []);
    const warning = t.diagnostics.find((d) => d.message.includes('handler file not found'))!;
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.start.line, 2);
  });

  it('picks the innermost workspace folder for a file', () => {
    const registry = new FunctionRegistry([root, at('nested')], memoryHost({}));
    assert.equal(registry.folderOf(at('nested/x.js')), at('nested'));
    assert.equal(registry.folderOf(at('x.js')), root);
    assert.equal(registry.folderOf(path.resolve('/elsewhere/x.js')), undefined);
  });
});

describe('functions/registry: handler names for detection', () => {
  it('lists the handler names functions.json and SAM declare for a file, and nothing for other files', async () => {
    const host = memoryHost({
      [at('.serverless-lab/functions.json')]: '{"functions":{"orders":{"handler":"src/orders.js","handlerName":"main"},"other":{"handler":"src/orders.js"}}}',
      [at('src/orders.js')]: '',
      [at('template.yaml')]: TEMPLATE,
      [at('hello/app.py')]: '',
    });
    const registry = new FunctionRegistry([root], host);
    assert.deepEqual((await registry.handlerNamesFor(at('src/orders.js'))).sort(), ['handler', 'main']);
    assert.deepEqual(await registry.handlerNamesFor(at('hello/app.py')), ['lambda_handler']);
    assert.deepEqual(await registry.handlerNamesFor(at('src/unrelated.js')), []);
  });
});
