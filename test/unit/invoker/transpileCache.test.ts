// The transpile cache's keys and checks, and the private directory it lives in (plain fs, no sandboxes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cachePaths, readCached, writeCached } from '../../../src/core/invoker/inSandbox/transpileCache';
import { ensurePrivateDir, userCacheDir, type DirPlatform } from '../../../src/core/invoker/privateDir';

const posix = (uid: number | undefined): DirPlatform => ({ platform: 'linux', uid, env: {}, home: '/home/u' });

describe('invoker/transpileCache', () => {
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-cache-test-'));
    cache = path.join(dir, 'cache');
    fs.mkdirSync(cache, { mode: 0o700 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('keys entries by a hash of the full path: a_b and a-b, and paths sharing their last 120 characters, never collide', () => {
    const a = write('a_b/handler.ts', 'export const handler = () => "a_b";');
    const b = write('a-b/handler.ts', 'export const handler = () => "a-b";');
    assert.notEqual(cachePaths(cache, a).code, cachePaths(cache, b).code);
    const tail = 'x'.repeat(130);
    assert.notEqual(cachePaths(cache, `/one/${tail}/h.ts`).code, cachePaths(cache, `/two/${tail}/h.ts`).code);
    writeCached(cache, a, 'code for a_b', [a]);
    assert.equal(readCached(cache, b), undefined, "a-b never gets a_b's code");
    assert.equal(readCached(cache, a), 'code for a_b');
  });

  it('is valid only while the content of every input matches (mtime alone is not trusted)', () => {
    const handler = write('h.ts', 'import { x } from "./lib"; export const handler = () => x;');
    const lib = write('lib.ts', 'export const x = 1;');
    writeCached(cache, handler, 'built', [handler, lib]);
    assert.equal(readCached(cache, handler), 'built');
    const { mtime } = fs.statSync(lib);
    fs.writeFileSync(lib, 'export const x = 2;');
    fs.utimesSync(lib, mtime, mtime);
    assert.equal(readCached(cache, handler), undefined, 'same mtime, new content: rebuilt');
  });

  it('never trusts a planted entry: empty meta, meta without the handler, or code that does not match its hash', () => {
    const handler = write('h.ts', 'export const handler = () => "real";');
    const other = write('other.ts', '');
    const { code, meta } = cachePaths(cache, handler);
    fs.writeFileSync(code, 'exports.handler = () => "planted";');
    for (const planted of [{}, { format: 2, file: handler, code: 'x', inputs: {} }, { format: 2, file: handler, code: 'x', inputs: { [other]: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } }]) {
      fs.writeFileSync(meta, JSON.stringify(planted));
      assert.equal(readCached(cache, handler), undefined, JSON.stringify(planted));
    }
    writeCached(cache, handler, 'real build', [handler]);
    fs.writeFileSync(code, 'exports.handler = () => "planted";');
    assert.equal(readCached(cache, handler), undefined, 'code swapped under a valid meta');
  });

  it('writes entries readable by their owner only (POSIX modes; Windows relies on the per-user profile folder)', () => {
    const handler = write('h.ts', '');
    writeCached(cache, handler, 'built', [handler]);
    for (const f of Object.values(cachePaths(cache, handler))) {
      assert.equal(fs.statSync(f).mode & (process.platform === 'win32' ? 0 : 0o777), process.platform === 'win32' ? 0 : 0o600);
    }
  });

  it('creates a private directory, tightens and empties a loose one of ours, refuses a symlink or a stranger\'s', () => {
    // Driven through an injected POSIX platform; on Windows the real uid is unknown, so a fixed one stands in (modes then read as the OS reports them).
    const uid = process.getuid?.() ?? 0;
    const fresh = ensurePrivateDir(path.join(dir, 'new', 'ts-cache'), posix(uid));
    assert.ok(fresh.ok);
    assert.equal(fs.statSync(path.join(dir, 'new', 'ts-cache')).mode & 0o777, 0o700);
    const loose = path.join(dir, 'loose');
    fs.mkdirSync(loose);
    fs.chmodSync(loose, 0o777);
    fs.writeFileSync(path.join(loose, 'planted.js'), '');
    const repaired = ensurePrivateDir(loose, posix(uid));
    assert.ok(repaired.ok && repaired.repaired);
    assert.equal(fs.statSync(loose).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(loose), [], 'entries written while it was open are dropped');
    const link = path.join(dir, 'link');
    fs.symlinkSync(loose, link);
    const viaLink = ensurePrivateDir(link, posix(uid));
    assert.ok(!viaLink.ok && /symbolic link/.test(viaLink.reason));
    const stranger = ensurePrivateDir(cache, posix(uid + 1));
    assert.ok(!stranger.ok && /belongs to user id/.test(stranger.reason));
  });

  it('uses the per-user cache location of each OS, never the shared temp folder', () => {
    assert.equal(userCacheDir(posix(1)), path.join('/home/u', '.cache', 'serverless-lab'));
    assert.equal(userCacheDir({ ...posix(1), env: { XDG_CACHE_HOME: '/x/cache' } }), path.join('/x/cache', 'serverless-lab'));
    assert.equal(userCacheDir({ ...posix(1), platform: 'darwin' }), path.join('/home/u', 'Library', 'Caches', 'serverless-lab'));
    assert.equal(userCacheDir({ platform: 'win32', uid: undefined, env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, home: 'C:\\Users\\u' }), path.join('C:\\Users\\u\\AppData\\Local', 'serverless-lab', 'Cache'));
    assert.ok(!userCacheDir(posix(1)).startsWith(os.tmpdir()));
  });
});
