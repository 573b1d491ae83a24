import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultTemplateCacheDir, ensureTemplate, openPglite } from '../../../src/core/baas/db/pglite';

describe('baas template cache (PGlite)', function () {
  this.timeout(300_000);
  let cacheDir: string;
  let work: string;
  beforeEach(async () => {
    // A private copy of the per-user template, so that damaging it here touches nobody else's cache.
    const shared = await ensureTemplate(defaultTemplateCacheDir());
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-template-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-template-db-'));
    fs.copyFileSync(shared.file, path.join(cacheDir, path.basename(shared.file)));
    const manifest = shared.file.replace(/-[0-9a-f]{16}\.tar$/, '.json'); // pglite-<version>-b<bootstrap>.json
    fs.copyFileSync(manifest, path.join(cacheDir, path.basename(manifest)));
  });
  afterEach(() => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('creates a bootstrapped database from the template that reopens with its data', async () => {
    const dataDir = path.join(work, 'db');
    const db = await openPglite({ dataDir, templateCacheDir: cacheDir });
    try {
      await db.query("insert into auth.users (email) values ('a@example.com')");
      assert.deepEqual((await db.query('select rolname from pg_roles where rolname = $1', ['service_role'])).rows, [{ rolname: 'service_role' }]);
    } finally {
      await db.close();
    }
    const again = await openPglite({ dataDir, templateCacheDir: cacheDir });
    try {
      assert.deepEqual((await again.query('select email from auth.users')).rows, [{ email: 'a@example.com' }]);
    } finally {
      await again.close();
    }
  });

  it('does not trust a template whose bytes no longer match its hash: it is made again', async () => {
    const before = await ensureTemplate(cacheDir);
    const fd = fs.openSync(before.file, 'r+');
    fs.writeSync(fd, Buffer.from('X'), 0, 1, 4096);
    fs.closeSync(fd);
    const db = await openPglite({ dataDir: path.join(work, 'db'), templateCacheDir: cacheDir });
    await db.close();
    const after = await ensureTemplate(cacheDir);
    assert.equal(createHash('sha256').update(fs.readFileSync(after.file)).digest('hex'), after.sha256, 'the template in use matches its hash again');
  });
});
