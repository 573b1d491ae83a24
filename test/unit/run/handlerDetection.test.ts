import * as assert from 'node:assert/strict';
import { detectHandlers, languageOf } from '../../../src/core/run/handlerDetection';

const js = (text: string): string[] => detectHandlers(text, 'javascript').map((h) => h.handlerName);
const py = (text: string): string[] => detectHandlers(text, 'python').map((h) => h.handlerName);

describe('run/handlerDetection', () => {
  describe('languageOf', () => {
    it('maps file names and language ids', () => {
      assert.equal(languageOf('a/b/handler.mjs'), 'javascript');
      assert.equal(languageOf('typescript'), 'javascript');
      assert.equal(languageOf('app.py'), 'python');
      assert.equal(languageOf('README.md'), undefined);
    });
  });

  describe('JavaScript / TypeScript', () => {
    it('finds export const and export async function', () => {
      assert.deepEqual(js('export const handler = async (event) => ({ ok: 1 });'), ['handler']);
      assert.deepEqual(js('export async function handler(event, context) {\n  return 1;\n}'), ['handler']);
      assert.deepEqual(js('export function main(event) { return 1; }'), ['main']);
    });

    it('finds CommonJS forms', () => {
      assert.deepEqual(js('exports.handler = async (event) => 1;'), ['handler']);
      assert.deepEqual(js('module.exports.handler = function (e) {};'), ['handler']);
      assert.deepEqual(js('async function handler(event) {}\nmodule.exports = { handler };'), ['handler']);
      assert.deepEqual(js('const go = async (event) => 1;\nmodule.exports = { run: go, helper: 42 };'), ['run']);
    });

    it('finds default exports', () => {
      assert.deepEqual(js('export default async function (event) { return 1; }'), ['default']);
      assert.deepEqual(js('module.exports = async (event) => 1;'), ['default']);
    });

    it('reports the line and column of the name', () => {
      const [h] = detectHandlers('// header\n\nexport const handler = async () => 1;\n', 'javascript');
      assert.equal(h.line, 2);
      assert.equal(h.character, 'export const '.length);
    });

    it('ignores handlers inside comments, strings, templates and regexes', () => {
      const src = [
        '// export const handler = async (event) => 1;',
        '/* exports.handler = () => 1; */',
        'const s = "export const handler = 1";',
        'const t = `module.exports.handler = ${1 + 1} export function handler(event) {}`;',
        'const r = /export const handler = x/;',
        'export const notAHandler = 42;',
      ].join('\n');
      assert.deepEqual(js(src), []);
    });

    it('keeps code inside template expressions and after a division', () => {
      const src = 'const x = 4 / 2; const y = `${`a`}`;\nexport const handler = (event) => x / 2;';
      assert.deepEqual(js(src), ['handler']);
    });

    it('handles TypeScript annotations and generics', () => {
      const src = [
        "import type { APIGatewayProxyHandler } from 'aws-lambda';",
        'export const handler: APIGatewayProxyHandler = async (event) => ({ statusCode: 200, body: "" });',
        'export async function process<T>(event: T): Promise<void> {}',
      ].join('\n');
      assert.deepEqual(js(src), ['handler', 'process']);
    });

    it('skips exported helpers that do not look like handlers', () => {
      assert.deepEqual(js('export function add(a, b) { return a + b; }\nexport const PI = 3.14;'), []);
    });

    it('finds export lists with renames', () => {
      assert.deepEqual(js('async function run(event) {}\nexport { run as handler };'), ['handler']);
    });
  });

  describe('Python', () => {
    it('finds def name(event, context)', () => {
      const src = 'import json\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200}\n';
      const [h] = detectHandlers(src, 'python');
      assert.equal(h.handlerName, 'lambda_handler');
      assert.equal(h.line, 2);
      assert.equal(h.character, 4);
    });

    it('accepts annotations, defaults, decorators and multi-line parameter lists', () => {
      const src = [
        '@logger.inject_lambda_context',
        'def handler(event: dict[str, Any],',
        '            context: LambdaContext = None) -> dict:',
        '    pass',
        'async def other(evt, ctx): pass',
      ].join('\n');
      assert.deepEqual(py(src), ['handler', 'other']);
    });

    it('ignores comments, docstrings, nested functions and non-handler signatures', () => {
      const src = [
        '# def commented(event, context):',
        '"""',
        'def in_docstring(event, context):',
        '"""',
        'class A:',
        '    def method(self, event, context): pass',
        'def helper(a, b): pass',
        'def one(event): pass',
        'def three(event, context, extra): pass',
      ].join('\n');
      assert.deepEqual(py(src), []);
    });
  });
});
