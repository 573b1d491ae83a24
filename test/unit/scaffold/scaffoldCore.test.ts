import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { compilePattern } from '../../../src/core/eventing/patterns';
import { generateEvent } from '../../../src/core/sampleEvents';
import {
  FunctionsFileError, ManifestError, addFunctionEntry, camelName, loadTemplates, parseFunctionsFile, parseManifest,
  pascalName, planScaffold, renderFunction, snakeName, suggestFreeName, triggersFor, validateFunctionName,
} from '../../../src/core/scaffold';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schemas/functions.schema.json'), 'utf8')) as object;

describe('scaffold: name validation', () => {
  it('accepts Lambda-style names', () => {
    for (const n of ['processOrder', 'process-order', 'resize_image2', 'A']) assert.equal(validateFunctionName(n, 'typescript'), undefined, n);
  });
  it('rejects bad characters, length and shape with a message that says what to do', () => {
    assert.match(validateFunctionName('', 'python')!, /Enter a function name/);
    assert.match(validateFunctionName('my function', 'python')!, /" " is not allowed.*my-function/);
    assert.match(validateFunctionName('2fast', 'javascript')!, /start with a letter/);
    assert.match(validateFunctionName('a'.repeat(65), 'javascript')!, /at most 64/);
    assert.match(validateFunctionName('trailing-', 'javascript')!, /must not end/);
    assert.match(validateFunctionName('con', 'javascript')!, /Windows/);
  });
  it('rejects reserved words per language', () => {
    assert.match(validateFunctionName('class', 'typescript')!, /reserved word in JavaScript/);
    assert.equal(validateFunctionName('lambda', 'typescript'), undefined);
    assert.match(validateFunctionName('lambda', 'python')!, /Python keyword/);
    assert.match(validateFunctionName('None', 'python')!, /Python keyword/);
    assert.equal(validateFunctionName('delete', 'python'), undefined);
  });
  it('rejects a name already in functions.json, case-insensitively', () => {
    assert.match(validateFunctionName('ProcessOrder', 'python', ['processOrder'])!, /already exists/);
  });
  it('derives identifier forms', () => {
    assert.equal(camelName('process-order_now'), 'processOrderNow');
    assert.equal(snakeName('processOrder-now'), 'process_order_now');
    assert.equal(pascalName('process-order'), 'ProcessOrder');
  });
});

describe('scaffold: manifest and rendering', () => {
  it('rejects a malformed manifest with the entry named', () => {
    assert.throws(() => parseManifest('{'), ManifestError);
    const m = JSON.parse(fs.readFileSync(path.join(repo, 'templates/manifest.json'), 'utf8'));
    m.triggers[1].id = m.triggers[0].id;
    assert.throws(() => parseManifest(JSON.stringify(m)), /triggers\[1\].*duplicated/);
  });
  it('offers triggers per provider and language', () => {
    assert.ok(triggersFor(templates.manifest, 'aws', 'python').some((t) => t.id === 'sqs'));
  });
  it('renders handler, test, events and a schema-valid functions.json entry', () => {
    const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'typescript', trigger: 'sqs', name: 'processOrder' });
    assert.deepEqual(r.files.map((f) => f.path), [
      'functions/processOrder/handler.ts', 'functions/processOrder/handler.test.ts',
      '.serverless-lab/events/processOrder/order-message.json', '.serverless-lab/events/processOrder/poison-message.json',
    ]);
    assert.deepEqual(r.entry, { handler: 'functions/processOrder/handler.ts', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 10, env: { SERVICE_NAME: 'processOrder' }, trigger: 'sqs' });
    const validate = new Ajv({ allErrors: true }).compile(schema);
    assert.ok(validate(JSON.parse(addFunctionEntry(undefined, 'processOrder', r.entry))), JSON.stringify(validate.errors));
    assert.match(r.files[1].content, /\.\.\/\.\.\/\.serverless-lab\/events\/processOrder\/order-message\.json/);
    assert.deepEqual(r.typePackages, ['@types/aws-lambda', '@types/node']);
    assert.deepEqual(renderFunction(templates.manifest, templates.read, { provider: 'gcp', language: 'python', trigger: 'gcp-http', name: 'p' }).typePackages, []);
  });
  it('reports unknown triggers, languages and placeholders clearly', () => {
    assert.throws(() => renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'python', trigger: 'nope', name: 'x' }), /No "nope" template for aws. Available: .*sqs/);
    const broken = { ...templates, read: (p: string) => (p.endsWith('sqs.ts') ? 'x {{nmae}}' : templates.read(p)) };
    assert.throws(() => renderFunction(broken.manifest, broken.read, { provider: 'aws', language: 'typescript', trigger: 'sqs', name: 'x' }), /aws\/typescript\/sqs\.ts: unknown placeholder \{\{nmae\}\}/);
  });
});

describe('scaffold: planning and functions.json merge', () => {
  const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'python', trigger: 's3', name: 'thumbs' });
  it('lists existing files as conflicts, never as files to create', async () => {
    const plan = await planScaffold(r, (p) => p === 'functions/thumbs/handler.py');
    assert.deepEqual(plan.conflicts, ['functions/thumbs/handler.py']);
    assert.equal(plan.create.length, r.files.length - 1);
  });
  it('suggests the next free name', async () => {
    assert.equal(await suggestFreeName('thumbs', (n) => n !== 'thumbs2'), 'thumbs3');
  });
  it('merges into an existing file, keeping its comments and entries', () => {
    const existing = '{\n  // mine\n  "functions": {\n    "old": { "handler": "old.js", "runtime": "nodejs" }\n  }\n}\n';
    const text = addFunctionEntry(existing, 'thumbs', r.entry);
    assert.match(text, /\/\/ mine/);
    const parsed = parseFunctionsFile(text);
    assert.deepEqual(Object.keys(parsed.functions), ['old', 'thumbs']);
    assert.equal(parsed.functions.thumbs.handlerName, 'lambda_handler');
  });
  it('refuses to replace an entry and reports bad JSON with line and column', () => {
    const existing = addFunctionEntry(undefined, 'thumbs', r.entry);
    assert.throws(() => addFunctionEntry(existing, 'thumbs', r.entry), (e: Error) => e instanceof FunctionsFileError && /already has a function named "thumbs"/.test(e.message));
    assert.throws(() => parseFunctionsFile('{\n  "functions": {,\n}'), /functions\.json:2:\d+: /);
  });
});

describe('scaffold: trigger ids and the event catalogue', () => {
  it('generateEvent(<scaffold trigger>) gives the sample each template was written for', () => {
    for (const t of templates.manifest.triggers) assert.deepEqual(generateEvent(t.id), generateEvent(t.events[0].sample), t.id);
  });
});

describe('scaffold: BaaS triggers fire through rules in functions.json', () => {
  const baas = templates.manifest.triggers.filter((t) => t.id.startsWith('baas-'));

  it('offers sign-up, row inserted and file uploaded in the three languages, each with a rule', () => {
    assert.deepEqual(baas.map((t) => t.id), ['baas-signup', 'baas-row-inserted', 'baas-file-uploaded']);
    for (const t of baas) {
      assert.deepEqual(t.languages, ['typescript', 'javascript', 'python'], t.id);
      assert.ok(Object.keys(t.rules ?? {}).length, `${t.id} has a rule`);
    }
  });

  it('writes the rule into a schema-valid functions.json entry, and the rule matches the sample the handler is tested with', () => {
    const validate = new Ajv({ strict: true }).compile(schema);
    for (const t of baas) {
      const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'python', trigger: t.id, name: 'fn' });
      assert.deepEqual(r.entry.events, t.rules, t.id);
      assert.ok(validate({ functions: { fn: r.entry } }), `${t.id}: ${JSON.stringify(validate.errors)}`);
      const [name, rule] = Object.entries(t.rules!)[0];
      assert.ok(compilePattern(rule.pattern).matches(generateEvent(t.events[0].sample, t.events[0].set ?? [])), `${t.id} rule ${name} matches its first sample`);
    }
    const inserted = baas.find((t) => t.id === 'baas-row-inserted')!;
    const updated = inserted.events.find((e) => e.file === 'row-updated')!;
    assert.equal(compilePattern(inserted.rules!.RowInserted.pattern).matches(generateEvent(updated.sample, updated.set)), false, 'an update does not fire the insert rule');
    const other = generateEvent('baas-row-inserted', ['table=orders']);
    assert.equal(compilePattern(inserted.rules!.RowInserted.pattern).matches(other), false, 'nor an insert into another table');
  });

  it('rejects a manifest rule with an invalid pattern or name, naming the entry', () => {
    const m = JSON.parse(fs.readFileSync(path.join(repo, 'templates/manifest.json'), 'utf8')) as { triggers: { id: string; rules?: unknown }[] };
    const t = m.triggers.find((x) => x.id === 'baas-signup')!;
    t.rules = { UserSignedUp: { pattern: { source: 'serverless-lab.auth' } } };
    assert.throws(() => parseManifest(JSON.stringify(m)), /triggers\[\d+\] \(baas-signup\): rule UserSignedUp has an invalid pattern/);
    t.rules = { 'user-signed-up': { pattern: { source: ['x'] } } };
    assert.throws(() => parseManifest(JSON.stringify(m)), /rule name "user-signed-up" must be letters and digits/);
  });
});
