import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { unpackTar } from '../../../src/core/baas/db/templateTar';

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
  /** Writes the archive to a file; returns it with its sha256. */
  const archive = (entries: Parameters<typeof tar>[0]) => {
    const file = path.join(dir, 'template.tar');
    const bytes = tar(entries);
    fs.writeFileSync(file, bytes);
    return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  it('writes files and directories byte for byte, across reads and with a long run of zeros', async () => {
    const wal = Buffer.alloc(3 * 1024 * 1024 + 100); // spans several 1 MB reads; the middle is a whole read of zeros
    wal.write('records', 0);
    wal.write('tail', wal.length - 10);
    const unused = Buffer.alloc(2.5 * 1024 * 1024); // ends in zeros: its length must survive the hole
    unused.write('head', 0);
    const { file, sha256 } = archive([
      { name: '/pg_wal', type: '5' },
      { name: '/pg_wal/archive_status', type: '5' },
      { name: '/pg_wal/000000010000000000000001', data: wal },
      { name: '/base/1/1255', data: Buffer.from('catalog') },
      { name: '/base/1/empty', data: Buffer.alloc(0) },
      { name: '/base/1/unused', data: unused },
      { name: '/PG_VERSION', data: Buffer.from('17\n') },
    ]);
    assert.equal(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), sha256);
    unpackTar(file, path.join(dir, 'db'), sha256);
    assert.ok(fs.statSync(path.join(dir, 'db', 'pg_wal', 'archive_status')).isDirectory());
    assert.deepEqual(fs.readFileSync(path.join(dir, 'db', 'pg_wal', '000000010000000000000001')), wal);
    assert.equal(fs.readFileSync(path.join(dir, 'db', 'base', '1', '1255'), 'utf8'), 'catalog');
    assert.equal(fs.readFileSync(path.join(dir, 'db', 'base', '1', 'empty'), 'utf8'), '');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'db', 'base', '1', 'unused')), unused);
    assert.equal(fs.readFileSync(path.join(dir, 'db', 'PG_VERSION'), 'utf8'), '17\n');
  });

  it('writes PG_VERSION only after every other file, so a failed unpack never looks like a database', () => {
    fs.mkdirSync(path.join(dir, 'db', 'global'), { recursive: true }); // a directory where the archive has a file
    const { file, sha256 } = archive([{ name: '/PG_VERSION', data: Buffer.from('17\n') }, { name: '/global', data: Buffer.from('x') }]);
    assert.throws(() => unpackTar(file, path.join(dir, 'db'), sha256));
    assert.equal(fs.existsSync(path.join(dir, 'db', 'PG_VERSION')), false);
  });

  it('writes no PG_VERSION when the bytes read do not match the hash', () => {
    const { file } = archive([{ name: '/PG_VERSION', data: Buffer.from('17\n') }, { name: '/base/1/1255', data: Buffer.from('catalog') }]);
    assert.throws(() => unpackTar(file, path.join(dir, 'db'), 'f'.repeat(64)), /no longer matches its hash/);
    assert.equal(fs.existsSync(path.join(dir, 'db', 'PG_VERSION')), false);
  });

  it('refuses names that leave the data directory, and entries a data directory never has', () => {
    const escape = archive([{ name: '../escape', data: Buffer.from('x') }]);
    assert.throws(() => unpackTar(escape.file, path.join(dir, 'db'), escape.sha256), /outside the data directory/);
    assert.equal(fs.existsSync(path.join(dir, 'escape')), false);
    const link = archive([{ name: '/link', type: '2' }]);
    assert.throws(() => unpackTar(link.file, path.join(dir, 'db2'), link.sha256), /type '2'/);
  });

  it('refuses an archive cut short', () => {
    const bytes = tar([{ name: '/big', data: Buffer.alloc(4096, 1) }, { name: '/PG_VERSION', data: Buffer.from('17\n') }]).subarray(0, 1024);
    const file = path.join(dir, 'short.tar');
    fs.writeFileSync(file, bytes);
    assert.throws(() => unpackTar(file, path.join(dir, 'db'), createHash('sha256').update(bytes).digest('hex')), /Damaged template archive/);
    assert.equal(fs.existsSync(path.join(dir, 'db', 'PG_VERSION')), false);
  });
});
