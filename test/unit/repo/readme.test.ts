import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require('../../../scripts/readmeTables.js') as { render(readme: string, pkg: unknown): string };
const root = path.resolve(__dirname, '../../..');

describe('README contract', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  it('gives the two copy-paste lines', () => {
    assert.match(readme, /^npm install && npm start$/m);
    assert.match(readme, /^npm install && npm test$/m);
  });

  it('lists every contributed command and setting (regenerate with node scripts/readmeTables.js)', () => {
    assert.strictEqual(render(readme, pkg), readme);
    for (const c of pkg.contributes.commands) assert.ok(readme.includes(`\`${c.command}\``), `README misses ${c.command}`);
  });

  it('links only to screenshots that exist', () => {
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)) assert.ok(fs.existsSync(path.join(root, m[1])), `missing ${m[1]}`);
  });
});
