import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractTar, readTar } from '../../../src/core/baas/db/templateTar';

/** A ustar archive as PGlite's dump writes one: leading-slash names, type '0' files and '5' directories. */
function tar(entries: { name: string; type?: string; data?: Buffer }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const header = Buffer.alloc(512);
    const data = e.data ?? Buffer.alloc(0);
    header.write(e.name, 0, 100, 'utf8');
    header.write('0000600\0', 100);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(e.type ?? '0', 156);
    header.write('ustar\u000000', 257, 'latin1');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

describe('template tar', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-tar-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes files and directories byte for byte, a long zero tail included', async () => {
    const wal = Buffer.alloc(256 * 1024);
    wal.write('records', 0);
    const archive = tar([
      { name: '/pg_wal', type: '5' },
      { name: '/pg_wal/archive_status', type: '5' },
      { name: '/pg_wal/000000010000000000000001', data: wal },
      { name: '/base/1/1255', data: Buffer.from('catalog') },
      { name: '/PG_VERSION', data: Buffer.from('17\n') },
    ]);
    const entries = readTar(archive);
    assert.deepEqual(entries.map((e) => [e.name, e.kind]), [
      ['/pg_wal', 'directory'], ['/pg_wal/archive_status', 'directory'], ['/pg_wal/000000010000000000000001', 'file'],
      ['/base/1/1255', 'file'], ['/PG_VERSION', 'file'],
    ]);
    await extractTar(entries, path.join(dir, 'db'));
    assert.ok(fs.statSync(path.join(dir, 'db', 'pg_wal', 'archive_status')).isDirectory());
    assert.deepEqual(fs.readFileSync(path.join(dir, 'db', 'pg_wal', '000000010000000000000001')), wal);
    assert.equal(fs.readFileSync(path.join(dir, 'db', 'base', '1', '1255'), 'utf8'), 'catalog');
    assert.equal(fs.readFileSync(path.join(dir, 'db', 'PG_VERSION'), 'utf8'), '17\n');
  });

  it('writes PG_VERSION only after every other file, so a failed unpack never looks like a database', async () => {
    fs.mkdirSync(path.join(dir, 'db', 'global'), { recursive: true }); // a directory where the archive has a file
    const entries = readTar(tar([{ name: '/PG_VERSION', data: Buffer.from('17\n') }, { name: '/global', data: Buffer.from('x') }]));
    await assert.rejects(extractTar(entries, path.join(dir, 'db')));
    assert.equal(fs.existsSync(path.join(dir, 'db', 'PG_VERSION')), false);
  });

  it('refuses names that leave the data directory, and entries a data directory never has', async () => {
    await assert.rejects(extractTar(readTar(tar([{ name: '../escape', data: Buffer.from('x') }])), path.join(dir, 'db')), /outside the data directory/);
    assert.equal(fs.existsSync(path.join(dir, 'escape')), false);
    assert.throws(() => readTar(tar([{ name: '/link', type: '2' }])), /type '2'/);
  });

  it('refuses an archive cut short', () => {
    const archive = tar([{ name: '/big', data: Buffer.alloc(4096, 1) }]);
    assert.throws(() => readTar(archive.subarray(0, 1024)), /Damaged template archive/);
  });
});
