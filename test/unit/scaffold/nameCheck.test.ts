import assert from 'node:assert/strict';
import path from 'node:path';
import { checkNewFunctionName, loadTemplates, renderFunction, templateCodeIdentifiers, templateNameClash, type FunctionEntry, type ScaffoldRequest } from '../../../src/core/scaffold';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const check = (req: ScaffoldRequest, existing: Record<string, FunctionEntry> = {}) => checkNewFunctionName(templates.manifest, templates.read, req, existing);
/** The functions.json entry a scaffold of `req` writes. */
const entryOf = (req: ScaffoldRequest): FunctionEntry => renderFunction(templates.manifest, templates.read, req).entry;

describe('scaffold: names that collide with template identifiers', () => {
  it('refuses the names the issue found breaking generated code, naming the identifier and the file', () => {
    assert.match(check({ provider: 'gcp', language: 'python', trigger: 'gcp-http', name: 'json' })!, /identifier "json", which the gcp-http template already uses \(gcp\/python\/http\.py\)/);
    assert.match(check({ provider: 'azure', language: 'typescript', trigger: 'azure-http', name: 'app' })!, /identifier "app"/);
    assert.match(check({ provider: 'gcp', language: 'typescript', trigger: 'gcp-http', name: 'functions' })!, /identifier "functions"/);
    assert.match(check({ provider: 'gcp', language: 'javascript', trigger: 'gcp-http', name: 'parseOrder' })!, /identifier "parseOrder"/);
    assert.match(check({ provider: 'azure', language: 'python', trigger: 'azure-http', name: 'func' })!, /identifier "func"/);
    assert.match(check({ provider: 'gcp', language: 'python', trigger: 'gcp-http', name: 'log' })!, /identifier "log"/);
    assert.match(check({ provider: 'gcp', language: 'python', trigger: 'gcp-pubsub', name: 'base64' })!, /identifier "base64"/);
    // Python names go through snake_case: "parse-order" becomes parse_order.
    assert.match(check({ provider: 'gcp', language: 'python', trigger: 'gcp-http', name: 'parse-order' })!, /identifier "parse_order"/);
  });

  it('accepts those names where they only land in strings (AWS templates) and ordinary names everywhere', () => {
    for (const name of ['json', 'app', 'log', 'functions']) assert.equal(check({ provider: 'aws', language: 'python', trigger: 'sqs', name }), undefined, name);
    for (const t of templates.manifest.triggers) {
      for (const language of t.languages) assert.equal(check({ provider: t.provider, language, trigger: t.id, name: 'processOrder' }), undefined, `${t.id}/${language}`);
    }
  });

  it('skips comments and strings but keeps code inside ${…} and f-string fields', () => {
    const js = templateCodeIdentifiers("// alpha\nconst beta = 'gamma' + `delta ${epsilon({ zeta: 1 })} eta`; /* theta */ {{camelName}}()", 'typescript');
    assert.deepEqual([...js].sort(), ['SERVERLESS_LAB_NAME', 'beta', 'const', 'epsilon', 'zeta']);
    const py = templateCodeIdentifiers('# alpha\nbeta = "gamma" + f"delta {epsilon(1)} {{eta}}" + r\'theta\'\n"""iota"""\ndef {{snakeName}}(): pass', 'python');
    assert.deepEqual([...py].sort(), ['SERVERLESS_LAB_NAME', 'beta', 'def', 'epsilon', 'pass']);
  });

  it('only checks files that use the name as code', () => {
    assert.equal(templateNameClash(templates.manifest, templates.read, { provider: 'aws', language: 'typescript', trigger: 'http-api', name: 'parseOrder' }), undefined);
  });
});

describe('scaffold: SAM logical-id collisions', () => {
  const sqs = (name: string): ScaffoldRequest => ({ provider: 'aws', language: 'typescript', trigger: 'sqs', name });
  const existing = { processOrder: entryOf(sqs('processOrder')) };

  it('refuses names that become the same logical id, naming the existing function', () => {
    assert.match(check(sqs('process-order'), existing)!, /"process-order" becomes the SAM logical id "ProcessOrder", which the existing function "processOrder" already takes/);
    assert.match(check(sqs('process_order'), existing)!, /"ProcessOrder".*"processOrder"/);
  });

  it('refuses a name whose id is a resource another function exports (its queue, role or log group)', () => {
    assert.match(check({ provider: 'aws', language: 'python', trigger: 'sns', name: 'processOrderQueue' }, existing)!, /"ProcessOrderQueue", which the existing function "processOrder"/);
    assert.match(check({ provider: 'aws', language: 'python', trigger: 'sns', name: 'processOrderRole' }, existing)!, /"ProcessOrderRole"/);
    assert.match(check({ provider: 'aws', language: 'python', trigger: 'sns', name: 'processOrderLogGroup' }, existing)!, /"ProcessOrderLogGroup"/);
  });

  it('still refuses the same name case-insensitively (same folder on macOS and Windows), and accepts unrelated names', () => {
    assert.match(check(sqs('ProcessOrder'), existing)!, /already exists/);
    assert.equal(check(sqs('shipOrder'), existing), undefined);
  });
});

describe('scaffold: the generated TypeScript test says how it runs', () => {
  it('names the command the scaffold reports, and does not promise that plain node --test runs it', () => {
    const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'typescript', trigger: 'sqs', name: 'orders' });
    const header = r.files.find((f) => f.role === 'test')!.content.split('\n').slice(0, 3).join('\n');
    assert.ok(header.includes(`Run: ${r.testCommand.join(' ')}`), header);
    assert.doesNotMatch(header, /or[^\n]*node --test/);
  });
});
