// Lambda fidelity of the Python sandbox (issue 12 §3 items 3, 7, 8): logging configured as awslambdaric
// configures it, the Python error document, top-level exceptions and the environment handler code sees.
import * as assert from 'assert';
import * as path from 'path';
import type { FunctionConfig, Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir } from '../invoker/helpers';

const APP = `import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    if event.get("mode") == "raise":
        raise ValueError("bad value")
    if event.get("mode") == "env":
        return dict(os.environ)
    logger.info("hello %s", "info")
    logger.debug("not shown at INFO")
    logging.getLogger("child").warning("careful", extra={"orderId": 7})
    return "ok"
`;

const TEXT_LINE = (level: string, requestId: string, message: string) =>
  new RegExp(`^\\[${level}\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${requestId}\\t${message}$`);

describe('invoker fidelity: Python runtime', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string;

  const fn = (extra: Partial<FunctionConfig> = {}, file = 'app.py'): FunctionConfig =>
    ({ name: `py-${path.basename(dir)}-${file}-${Object.keys(extra.env ?? {}).join('-')}`, handlerFile: path.join(dir, file), handlerName: 'lambda_handler', runtime: 'python', ...extra });

  beforeEach(async () => {
    invoker = await newInvoker();
    dir = makeDir({ 'app.py': APP, 'levels.py': 'import logging\n\ndef lambda_handler(event, context):\n    logging.debug("dbg")\n    logging.info("inf")\n    return 1\n', 'top.py': 'raise ValueError("broken config")\n\ndef lambda_handler(event, context):\n    return 1\n',
      'late.py': 'import sys\n\ndef lambda_handler(event, context):\n    before = "logging" in sys.modules\n    import logging\n    logging.getLogger().warning("late")\n    return before\n' });
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
  });

  it("prints the documented logger.setLevel(logging.INFO) pattern in Lambda's text format, WARNING with its prefix", async () => {
    const r = await invoker.invoke(fn(), { event: {} });
    assert.strictEqual(r.response, 'ok', JSON.stringify(r.error));
    const logged = r.logs.filter((l) => l.startsWith('['));
    assert.strictEqual(logged.length, 2, r.logs.join('\n'));
    assert.match(logged[0], TEXT_LINE('INFO', r.requestId, 'hello info'));
    assert.match(logged[1], TEXT_LINE('WARNING', r.requestId, 'careful'));
  });

  it('configures logging when the function first imports it, so a function that never logs does not load it', async () => {
    const r = await invoker.invoke(fn({}, 'late.py'), { event: {} });
    assert.strictEqual(r.response, false, 'logging was imported before the handler asked for it');
    const logged = r.logs.filter((l) => l.startsWith('['));
    assert.strictEqual(logged.length, 1, r.logs.join('\n'));
    assert.match(logged[0], TEXT_LINE('WARNING', r.requestId, 'late'));
  });

  it('honours AWS_LAMBDA_LOG_LEVEL and the JSON log format', async () => {
    // The root logger keeps Python's WARNING default unless AWS_LAMBDA_LOG_LEVEL sets it.
    const quiet = await invoker.invoke(fn({}, 'levels.py'), { event: {} });
    assert.ok(!quiet.logs.some((l) => l.startsWith('[')), quiet.logs.join('\n'));
    const debug = await invoker.invoke(fn({ env: { AWS_LAMBDA_LOG_LEVEL: 'DEBUG' } }, 'levels.py'), { event: {} });
    assert.deepStrictEqual(debug.logs.filter((l) => l.startsWith('[')).map((l) => l.split('\t')[0] + l.split('\t')[3]), ['[DEBUG]dbg', '[INFO]inf'], debug.logs.join('\n'));
    const json = await invoker.invoke(fn({ env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' } }), { event: {} });
    const records = json.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.strictEqual(records.length, 2, json.logs.join('\n'));
    assert.deepStrictEqual(Object.keys(records[0]), ['timestamp', 'level', 'message', 'logger', 'requestId']);
    assert.deepStrictEqual({ ...records[1], timestamp: 0 }, { timestamp: 0, level: 'WARNING', message: 'careful', logger: 'child', requestId: json.requestId, orderId: 7 });
    assert.match(String(records[0].timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('returns the Python error document with requestId and without runtime frames, logged as one event', async () => {
    const r = await invoker.invoke(fn(), { event: { mode: 'raise' } });
    assert.deepStrictEqual(Object.keys(r.error ?? {}), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.deepStrictEqual([r.error?.errorType, r.error?.errorMessage, r.error?.requestId], ['ValueError', 'bad value', r.requestId]);
    assert.strictEqual(r.error?.stackTrace?.length, 1, JSON.stringify(r.error?.stackTrace));
    assert.match(r.error!.stackTrace![0], /^ {2}File ".*app\.py", line 11, in lambda_handler\n {4}raise ValueError\("bad value"\)\n$/);
    const events = r.logs.filter((l) => l.startsWith('[ERROR]'));
    assert.strictEqual(events.length, 1, r.logs.join('\n'));
    assert.match(events[0], /^\[ERROR\] ValueError: bad value\rTraceback \(most recent call last\):\r\u00a0\u00a0File ".*app\.py", line 11, in lambda_handler\r\u00a0\u00a0\u00a0\u00a0raise ValueError\("bad value"\)$/);
    assert.ok(!r.logs.some((l) => l.startsWith('Traceback') || l.includes('python.py')), r.logs.join('\n'));
  });

  it('reports an exception raised at module top level with its own type, and one INIT_REPORT line', async () => {
    const r = await invoker.invoke(fn({}, 'top.py'), { event: {} });
    assert.deepStrictEqual([r.error?.errorType, r.error?.errorMessage], ['ValueError', 'broken config'], JSON.stringify(r.error));
    assert.ok(r.error?.stackTrace?.some((f) => f.includes('top.py')), JSON.stringify(r.error));
    assert.ok(!r.error?.stackTrace?.some((f) => f.includes('python.py')), JSON.stringify(r.error));
    assert.deepStrictEqual(r.logs.filter((l) => l.startsWith('INIT_REPORT')), [`INIT_REPORT Init Duration: ${r.report.initDurationMs!.toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ValueError`]);
    assert.ok(r.logs.some((l) => /^\[WARNING\]\t\S+\t\tLAMBDA_WARNING: Unhandled exception\./.test(l)), r.logs.join('\n'));
    assert.ok(r.logs.some((l) => l.startsWith('[ERROR] ValueError: broken config\rTraceback (most recent call last):\r')), r.logs.join('\n'));
  });

  it("hides the invoker's own variables and sets PYTHONPATH and LD_LIBRARY_PATH in Lambda's pattern", async () => {
    const r = await invoker.invoke(fn(), { event: { mode: 'env' } });
    const env = r.response as Record<string, string>;
    assert.deepStrictEqual(Object.keys(env).filter((k) => k.startsWith('SL_')), []);
    const runtimeDir = env.LAMBDA_RUNTIME_DIR;
    assert.strictEqual(env.PYTHONPATH, runtimeDir);
    assert.strictEqual(env.LD_LIBRARY_PATH, [runtimeDir, `${runtimeDir}/lib`, dir, `${dir}/lib`].join(':'));
  });
});
