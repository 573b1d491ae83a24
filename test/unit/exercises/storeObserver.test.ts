import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { storeObserver } from '../../../src/core/exercises/observers';

describe('exercises: the store observer', () => {
  it('reads <name>.json parsed and <name>.jsonl as an array of its lines, and marks unreadable files null', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-store-'));
    try {
      fs.writeFileSync(path.join(dir, 'charges.json'), '[{"orderId":"o-1"}]');
      fs.writeFileSync(path.join(dir, 'reserved.jsonl'), '"o-1"\n"o-2"\n');
      fs.writeFileSync(path.join(dir, 'broken.jsonl'), '"o-1"\n{nope\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
      const store = await storeObserver.observe({ storeDir: dir } as Parameters<typeof storeObserver.observe>[0]);
      assert.deepStrictEqual(store, { charges: [{ orderId: 'o-1' }], reserved: ['o-1', 'o-2'], broken: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
