// Extension-test entry point (the harness's extensionTestsPath): runs every *.test.js beside it with mocha,
// inside the real extension host.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Called by VS Code once the extension host is up; rejects when any test fails. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  // SL_IT_FILES=playground,run runs only those suites (while working on one feature; npm test runs all).
  const only = process.env.SL_IT_FILES?.split(',').map((f) => `${f.trim()}.test.js`);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!only || only.includes(f))).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
  });
}
