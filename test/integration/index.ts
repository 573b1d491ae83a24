// Extension-test entry point (the harness's extensionTestsPath): runs every *.test.js beside it with mocha,
// inside the real extension host.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Called by VS Code once the extension host is up; rejects when any test fails. */
export function run(): Promise<void> {
  // SL_IT_GREP runs only the matching tests (e.g. SL_IT_GREP='event flow' while working on one feature).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec', ...(process.env.SL_IT_GREP ? { grep: process.env.SL_IT_GREP } : {}) });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
  });
}
