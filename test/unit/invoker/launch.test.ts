// How a Node sandbox is launched: no V8 flags on the common path (they cost Node its code cache),
// and a raised heap limit only where V8's default could cap the function below its Memory Size.
import * as assert from 'assert';
import * as fs from 'fs';
import { LARGE_HEAP_MB, launchSpec, completeConfig, type CompleteConfig } from '../../../src/core/invoker/launch';

function spec(memoryMb: number) {
  const fn = completeConfig({ name: 'f', handlerFile: '/tmp/f/index.js', handlerName: 'handler', runtime: 'nodejs', memoryMb }) as CompleteConfig;
  const s = launchSpec(fn, { nodePath: '/usr/bin/node', pythonExe: '', bootstrapDir: '/opt/boot', region: 'us-east-1', cacheDir: '/tmp/c', provisioned: false, initCapMs: 10000 });
  fs.rmSync(s.tmpDir, { recursive: true, force: true });
  return s;
}

describe('invoker: Node sandbox launch', () => {
  it('passes no V8 flag up to the large-heap threshold, then raises the heap to Memory Size', () => {
    assert.deepStrictEqual(spec(128).args, ['/opt/boot/node.js']);
    assert.deepStrictEqual(spec(LARGE_HEAP_MB).args, ['/opt/boot/node.js']);
    assert.deepStrictEqual(spec(3008).args, ['--max-old-space-size=3008', '/opt/boot/node.js']);
  });
});
