import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bootstrapDir, buildBootstraps } from '../invoker/helpers';

const root = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'eventing');

/** Runs the CLI from source; resolves each stdout line to `onLine`. */
function cli(args: string[], onLine: (line: string) => void = () => undefined): { child: ChildProcess; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'src', 'cli', 'index.ts'), ...args], { cwd: root, env: { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir } });
  let buf = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, exit: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

/** Starts `events serve` and resolves with its endpoint (the first stdout line) and every later line. */
async function serve(dir: string): Promise<{ endpoint: string; lines: string[]; first: string; stop(): Promise<number | null> }> {
  const lines: string[] = [];
  let resolveFirst: (l: string) => void = () => undefined;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  const { child, exit } = cli(['events', 'serve', '--port', '0', '--dir', dir], (l) => (lines.length ? lines.push(l) : (lines.push(l), resolveFirst(l))));
  const first = await Promise.race([firstLine, exit.then((e) => Promise.reject(new Error(`serve exited ${e.code}: ${e.stderr}`)))]);
  return {
    first, lines, endpoint: (JSON.parse(first) as { endpoint: string }).endpoint,
    async stop() {
      child.kill('SIGTERM');
      return (await exit).code;
    },
  };
}

describe('system: CLI events serve / put', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  before(() => buildBootstraps());
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('serve prints exactly {"endpoint":…} first, then traces; stops cleanly on SIGTERM; queue contents survive a restart', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-serve-'));
    const first = await serve(dir);
    assert.match(first.first, /^\{"endpoint":"http:\/\/127\.0\.0\.1:\d+"\}$/);
    const client = { endpoint: first.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } };
    let sqs = new SQSClient(client);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'survives' }));
    sqs.destroy();
    assert.strictEqual(await first.stop(), 0);
    assert.ok(first.lines.slice(1).some((l) => JSON.parse(l).kind === 'queue.sent'), 'a trace line for the send');
    assert.ok(fs.existsSync(path.join(dir, '.serverless-lab', 'eventing', 'queues.json')));

    const second = await serve(dir);
    sqs = new SQSClient({ ...client, endpoint: second.endpoint });
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${second.endpoint}/123456789012/kept` }));
    sqs.destroy();
    assert.strictEqual(got.Messages?.[0].MessageId, MessageId);
    assert.strictEqual(await second.stop(), 0);
  });

  it('put runs the workspace flow to quiescence and prints the trace (a failing order ends in the DLQ)', async () => {
    dir = fs.mkdtempSync(path.join(root, 'out', 'sl-put-'));
    fs.copyFileSync(path.join(fixtures, 'orders.template.yaml'), path.join(dir, 'template.yaml'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.copyFileSync(path.join(fixtures, 'src', 'process.js'), path.join(dir, 'src', 'process.js'));
    fs.writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { id: 42 } }));
    const lines: string[] = [];
    const { exit } = cli(['events', 'put', '--event', path.join(dir, 'event.json'), '--dir', dir], (l) => lines.push(l));
    const { code, stderr } = await exit;
    assert.strictEqual(code, 0, stderr);
    const kinds = lines.map((l) => (JSON.parse(l) as { kind: string }).kind);
    assert.deepStrictEqual(kinds.filter((k) => k === 'queue.received').length, 3);
    assert.ok(kinds.includes('queue.redriven'));
    assert.strictEqual(new Set(lines.map((l) => (JSON.parse(l) as { traceId: string }).traceId)).size, 1, 'one trace id through every hop');
  });

  it('put routes by the rules functions.json declares, with no template; a bad pattern there is reported on its line', async () => {
    dir = fs.mkdtempSync(path.join(root, 'out', 'sl-put-'));
    fs.mkdirSync(path.join(dir, 'fns'));
    fs.mkdirSync(path.join(dir, '.serverless-lab'));
    fs.writeFileSync(path.join(dir, 'fns', 'welcome.js'), 'exports.handler = async (event) => ({ welcomed: event.detail.user.email });\n');
    const entry = (pattern: unknown) => JSON.stringify({ functions: { welcome: { handler: 'fns/welcome.js', events: { UserSignedUp: { pattern } } } } }, null, 2);
    fs.writeFileSync(path.join(dir, '.serverless-lab', 'functions.json'), entry({ source: ['serverless-lab.auth'], 'detail-type': ['User Signed Up'] }));
    fs.writeFileSync(path.join(dir, 'e.json'), JSON.stringify({ source: 'serverless-lab.auth', 'detail-type': 'User Signed Up', detail: { type: 'signup', user: { id: 'u1', email: 'ada@example.com' } } }));
    const lines: string[] = [];
    const { code, stderr } = await cli(['events', 'put', '--event', path.join(dir, 'e.json'), '--dir', dir], (l) => lines.push(l)).exit;
    assert.strictEqual(code, 0, stderr);
    const events = lines.map((l) => JSON.parse(l) as { kind: string; resource: string });
    assert.ok(events.some((e) => e.kind === 'rule.matched' && e.resource === 'rule:default/WelcomeUserSignedUp'), lines.join('\n'));
    assert.ok(events.some((e) => e.kind === 'function.succeeded' && e.resource === 'function:welcome'), lines.join('\n'));
    fs.writeFileSync(path.join(dir, '.serverless-lab', 'functions.json'), entry({ source: 'serverless-lab.auth' }));
    const bad = await cli(['events', 'put', '--event', path.join(dir, 'e.json'), '--dir', dir]).exit;
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /functions\.json:3:\d+: Function welcome, event UserSignedUp: invalid event pattern/);
  });

  it('put reports template problems with file and line, and exits 2', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-put-'));
    fs.writeFileSync(path.join(dir, 'template.yaml'), 'Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: { source: shop }\n');
    fs.writeFileSync(path.join(dir, 'e.json'), '{"Source":"s","DetailType":"d","Detail":"{}"}');
    const { code, stderr } = await cli(['events', 'put', '--event', path.join(dir, 'e.json'), '--dir', dir]).exit;
    assert.strictEqual(code, 2);
    assert.match(stderr, /template\.yaml:5:\d+: Invalid event pattern/);
  });
});
