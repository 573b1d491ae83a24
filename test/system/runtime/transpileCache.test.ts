// The two cache reproductions, through real sandboxes: a_b/handler.ts must not run
// a-b/handler.ts's code, and a planted entry must never run (neither through the invoker nor the CLI).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInvoker, type Invoker } from '../../../src/core/invoker';
import { cachePaths } from '../../../src/core/invoker/inSandbox/transpileCache';
import { bootstrapDir, buildBootstraps, makeDir, removeDir } from '../invoker/helpers';
import { buildCli, cliBundle } from '../helpers/cliBundle';

const PLANTED = 'exports.handler = async () => "attacker-chosen text";\n';

describe('runtime: the TypeScript transpile cache', function () {
  this.timeout(60000);
  let dir: string;
  let invoker: Invoker | undefined;

  before(() => Promise.all([buildBootstraps(), buildCli()]));
  beforeEach(() => {
    dir = makeDir({
      'a_b/handler.ts': 'export const handler = async (): Promise<string> => "from a_b";\n',
      'a-b/handler.ts': 'export const handler = async (): Promise<string> => "from a-b";\n',
    });
  });
  afterEach(async () => {
    await invoker?.dispose();
    invoker = undefined;
    removeDir(dir);
  });

  it('runs each handler\'s own code when their sanitised paths collide (a_b vs a-b)', async () => {
    invoker = createInvoker({ bootstrapDir, cacheDir: path.join(dir, 'cache') });
    const run = (folder: string) => invoker!.invoke({ name: folder.replace('_', 'u'), handlerFile: path.join(dir, folder, 'handler.ts'), handlerName: 'handler', runtime: 'nodejs' }, { event: {} });
    assert.strictEqual((await run('a-b')).response, 'from a-b');
    assert.strictEqual((await run('a_b')).response, 'from a_b');
    assert.strictEqual(fs.statSync(path.join(dir, 'cache', 'ts-cache')).mode & 0o777, 0o700, 'the cache directory is private');
  });

  it('never runs a planted entry, whatever its meta says, from the invoker or the CLI', async () => {
    const handler = path.join(dir, 'a_b', 'handler.ts');
    const cacheRoot = path.join(dir, 'xdg');
    const tsCache = path.join(cacheRoot, 'serverless-lab', 'ts-cache');
    fs.mkdirSync(tsCache, { recursive: true, mode: 0o700 });
    const { code, meta } = cachePaths(tsCache, handler);
    fs.writeFileSync(code, PLANTED);
    fs.writeFileSync(meta, '{}');
    // The old shared location and key, as the reproduction planted them.
    const oldDir = path.join(os.tmpdir(), 'serverless-lab-ts-cache');
    const oldKey = handler.replace(/[^A-Za-z0-9]/g, '_').slice(-120);
    let plantedOld = false;
    try {
      fs.mkdirSync(oldDir, { recursive: true });
      fs.writeFileSync(path.join(oldDir, `${oldKey}.js`), PLANTED);
      fs.writeFileSync(path.join(oldDir, `${oldKey}.json`), '{}');
      plantedOld = true;
    } catch {
      // another user owns that shared folder: exactly why it is no longer used
    }
    try {
      const r = spawnSync(process.execPath, [cliBundle, 'invoke', handler, '--json'], { encoding: 'utf8', timeout: 30000, env: { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir, XDG_CACHE_HOME: cacheRoot } });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(JSON.parse(r.stdout).response, 'from a_b');
      assert.notStrictEqual(fs.readFileSync(code, 'utf8'), PLANTED, 'the planted entry was replaced by a real build');
      invoker = createInvoker({ bootstrapDir, cacheDir: path.join(cacheRoot, 'serverless-lab') });
      fs.writeFileSync(code, PLANTED);
      const record = await invoker.invoke({ name: 'planted', handlerFile: handler, handlerName: 'handler', runtime: 'nodejs' }, { event: {} });
      assert.strictEqual(record.response, 'from a_b');
    } finally {
      if (plantedOld) for (const ext of ['.js', '.json']) fs.rmSync(path.join(oldDir, `${oldKey}${ext}`), { force: true });
    }
  });
});
