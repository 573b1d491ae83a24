// Handler detection stays precise on ordinary library code: this project's own node_modules.
// System tier because it reads ~10,000 files (tens of seconds on a busy machine); it spawns nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, walkFiles } from '../../helpers/walkFiles';
import { detectHandlers } from '../../../src/core/run/handlerDetection';

const root = repoRoot;
const walk = walkFiles;

describe('run/handlerDetection on library code', () => {
  it('finds a handler in fewer than 1% of the JavaScript files in node_modules', function () {
    this.timeout(60_000);
    const files = walk('node_modules', /\.js$/);
    assert.ok(files.length > 1000, `only ${files.length} files: run npm ci first`);
    const hits = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return text.length < 2_000_000 && detectHandlers(text, 'javascript').length > 0;
    });
    const share = hits.length / files.length;
    console.log(`      ${hits.length}/${files.length} files yield a handler`);
    assert.ok(share < 0.01, `${hits.length}/${files.length} (${(share * 100).toFixed(2)}%) library files yield a handler, e.g. ${hits.slice(0, 5).map((f) => path.relative(root, f)).join(', ')}`);
  });
});
