// Handler detection on the shipped corpora: every template and sample is found.
// Ordinary library code is checked in test/system/run/handlerCorpus.test.ts (it reads ~10,000 files).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, walkFiles } from '../../helpers/walkFiles';
import { detectHandlers, languageOf } from '../../../src/core/run/handlerDetection';

const root = repoRoot;
const walk = walkFiles;

const handlersIn = (file: string): string[] => detectHandlers(fs.readFileSync(file, 'utf8'), languageOf(file)!).map((h) => h.handlerName);

describe('run/handlerDetection on corpora', () => {
  it('detects the handler of every Lambda-style template (AWS handlers and the Azure/Google shims)', () => {
    const files = walk('templates', /\.(js|ts|py)$/).filter((f) => f.includes(`${path.sep}aws${path.sep}`) || /lambda_?[sS]him\.(js|ts|py)$/.test(f));
    assert.ok(files.length >= 30, `found ${files.length} template files`);
    for (const f of files) assert.deepEqual(handlersIn(f), [f.endsWith('.py') ? 'lambda_handler' : 'handler'], path.relative(root, f));
  });

  it('puts no lens on provider-style sources and generated tests (they run through the shim)', () => {
    const files = walk('templates', /\.(js|ts|py)$/).filter((f) => !f.includes(`${path.sep}aws${path.sep}`) && !/lambda_?[sS]him\./.test(f));
    assert.ok(files.length > 0);
    for (const f of files) assert.deepEqual(handlersIn(f), [], path.relative(root, f));
  });

  it('detects the handler of every sample', () => {
    const files = walk('samples', /\.(js|mjs|cjs|ts|py)$/, /node_modules/);
    assert.ok(files.length >= 2);
    for (const f of files) assert.ok(handlersIn(f).length >= 1, `${path.relative(root, f)} has no handler`);
  });
});
