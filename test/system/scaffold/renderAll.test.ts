// Renders EVERY template in templates/manifest.json and checks the result the way a learner would use it:
// TypeScript type-checks, JavaScript passes `node --check`, Python passes py_compile, and the generated
// unit test passes against the template's own sample events.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplates, renderFunction, type LanguageId, type RenderedFunction } from '../../../src/core/scaffold';
import type { FunctionConfig } from '../../../src/core/invoker';
import { newInvoker } from '../invoker/helpers';
import { realPython } from './python';
import { typeCheck } from './typeCheckHelper';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const combos = templates.manifest.triggers.flatMap((t) => t.languages.map((language) => ({ provider: t.provider, language, trigger: t.id, name: `${t.id.replace(/[^a-z0-9]+/gi, '')}${language}Fn` })));

describe('scaffold: every template', function () {
  this.timeout(180000);
  let dir: string;
  const rendered = new Map<string, RenderedFunction & { language: LanguageId }>();

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-templates-'));
    for (const c of combos) {
      const r = renderFunction(templates.manifest, templates.read, c);
      for (const f of r.files) {
        fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.content);
      }
      rendered.set(c.name, { ...r, language: c.language });
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = (language: LanguageId) => [...rendered.values()].filter((r) => r.language === language).flatMap((r) => r.files.filter((f) => f.role !== 'event').map((f) => path.join(dir, f.path)));

  it('covers all three languages for every AWS trigger the issue requires', () => {
    for (const id of ['http-api', 'rest-api', 's3', 'sqs', 'sns', 'eventbridge', 'schedule', 'dynamodb', 'cognito-post-confirmation', 'baas-signup', 'baas-row-inserted', 'baas-file-uploaded']) {
      for (const language of ['typescript', 'javascript', 'python']) assert.ok(combos.some((c) => c.trigger === id && c.language === language), `${id}/${language}`);
    }
  });

  it('leaves no placeholder unrendered and puts the cursor inside the handler', () => {
    for (const r of rendered.values()) {
      for (const f of r.files) assert.doesNotMatch(f.content, /\{\{\w+\}\}/, f.path);
      const handler = r.files.find((f) => f.path === r.cursor.path)!;
      const line = handler.content.split('\n')[r.cursor.line];
      assert.ok(line.length >= r.cursor.character && /^\s+/.test(line), `${r.cursor.path}:${r.cursor.line}`);
    }
  });

  it('TypeScript templates type-check strictly (handler and test)', () => {
    assert.deepEqual(typeCheck(files('typescript')), []);
  });

  it('JavaScript templates pass node --check', () => {
    for (const f of files('javascript')) execFileSync(process.execPath, ['--check', f]);
  });

  it('Python templates pass py_compile', () => {
    execFileSync(realPython(), ['-m', 'py_compile', ...files('python')]);
  });

  it('every generated unit test passes against its own sample events', () => {
    const failures: string[] = [];
    for (const [name, r] of rendered) {
      const cwd = path.join(dir, r.functionDir);
      const [cmd, ...args] = r.testCommand;
      const argv = cmd === 'npx' ? [process.execPath, '--require', require.resolve('tsx/cjs'), '--test', ...args.slice(2)]
        : cmd === 'node' ? [process.execPath, ...args] : [realPython(), ...args];
      const res = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', timeout: 60000 });
      // A runner that found no tests also exits 0, so check that every sample event was exercised.
      const ran = cmd === 'python3' ? /Ran 1 test/.test(res.stderr) && /\nOK/.test(res.stderr) : new RegExp(`# pass ${r.files.filter((f) => f.role === 'event').length}\\b`).test(res.stdout);
      if (res.status !== 0 || !ran) failures.push(`${name} (${r.testCommand.join(' ')}):\n${res.stdout}\n${res.stderr}`);
    }
    assert.deepEqual(failures, []);
  });

  it('every template runs in the invoker against its own sample events', async () => {
    const invoker = await newInvoker();
    const failures: string[] = [];
    try {
      for (const [name, r] of rendered) {
        const fn: FunctionConfig = { name, handlerFile: path.join(dir, r.entry.handler), handlerName: r.entry.handlerName, runtime: r.entry.runtime, memoryMb: r.entry.memoryMb, timeoutSec: r.entry.timeoutSec, env: r.entry.env };
        const trigger = templates.manifest.triggers.find((t) => t.id === r.entry.trigger)!;
        for (const [i, ev] of r.files.filter((f) => f.role === 'event').entries()) {
          const record = await invoker.invoke(fn, { event: JSON.parse(ev.content) });
          const expect = trigger.events[i].expect;
          const response = record.response as Record<string, unknown> | null | undefined;
          const ok = !record.error && (expect === null ? response === null || response === undefined : Object.entries(expect).every(([k, v]) => JSON.stringify(response?.[k]) === JSON.stringify(v)));
          if (!ok) failures.push(`${name} ${ev.path}: ${JSON.stringify(record.error ?? record.response)}\n${record.logs.join('\n')}`);
        }
      }
    } finally {
      await invoker.dispose();
    }
    assert.deepEqual(failures, []);
  });
});
