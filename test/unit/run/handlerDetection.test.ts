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
      assert.deepEqual(js('export function main(event) { return 1; }'), [], 'not a conventional name');
    });

    it('finds CommonJS forms', () => {
      assert.deepEqual(js('exports.handler = async (event) => 1;'), ['handler']);
      assert.deepEqual(js('module.exports.handler = function (e) {};'), ['handler']);
      assert.deepEqual(js('async function handler(event) {}\nmodule.exports = { handler };'), ['handler']);
      assert.deepEqual(js('const go = async (event) => 1;\nmodule.exports = { handler: go, helper: 42 };'), ['handler']);
      assert.deepEqual(js('module.exports = { async handler(event, context) {} };'), ['handler']);
    });

    it('finds default exports only when functions.json or a SAM template lists them', () => {
      assert.deepEqual(js('export default async function (event) { return 1; }'), []);
      assert.deepEqual(js('module.exports = async (event) => 1;'), []);
      const listed = (text: string) => detectHandlers(text, 'javascript', { listedNames: ['default'] }).map((h) => h.handlerName);
      assert.deepEqual(listed('export default async function (event) { return 1; }'), ['default']);
      assert.deepEqual(listed('module.exports = async (event) => 1;'), ['default']);
    });

    it('gives a React component file no handlers', () => {
      const src = [
        "import React, { useState } from 'react';",
        'export function handleSubmit(event) { event.preventDefault(); }',
        'export const handleClick = (e) => console.log(e);',
        'export const requestHandler = (req, res) => res.end();',
        'export default function App({ title }) { return <form onSubmit={handleSubmit}>{title}</form>; }',
      ].join('\n');
      assert.deepEqual(js(src), []);
    });

    it('requires a handler-compatible value: a function of at most (event, context, callback), a wrapper call or a reference', () => {
      assert.deepEqual(js('export const handler = 42;'), []);
      assert.deepEqual(js('export const handler = { run() {} };'), []);
      assert.deepEqual(js('export class handler {}'), []);
      assert.deepEqual(js('exports.handler = new Router();'), []);
      assert.deepEqual(js('export const handler = (a, b, c, d) => 1;'), [], 'four parameters');
      assert.deepEqual(js('exports.handler = (event, context, callback) => callback(null, 1);'), ['handler']);
      assert.deepEqual(js('exports.handler = middy(base).use(x());'), ['handler']);
      assert.deepEqual(js("const { handler } = require('./impl');\nmodule.exports = { handler };"), ['handler']);
      assert.deepEqual(js('const handler = 5;\nexport { handler };'), [], 'a known local that is not a function');
      assert.deepEqual(js('exports.handler = (event, cb = () => {}) => 1;'), ['handler'], 'an arrow in a default value');
    });

    it('widens detection with extra names and listed names', () => {
      const src = 'export async function main(event) {}\nexports.run = (e) => 1;';
      assert.deepEqual(detectHandlers(src, 'javascript', { extraNames: ['main'] }).map((h) => h.handlerName), ['main']);
      assert.deepEqual(detectHandlers(src, 'javascript', { listedNames: ['run'] }).map((h) => h.handlerName), ['run']);
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
      assert.deepEqual(js(src), ['handler']);
      assert.deepEqual(js('export async function handler<T>(event: T, context: Context): Promise<void> {}'), ['handler']);
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
        'async def lambda_handler(evt, ctx): pass',
      ].join('\n');
      assert.deepEqual(py(src), ['handler', 'lambda_handler']);
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
        'def other(event, context): pass',
        'def lambda_handler(event): pass',
      ].join('\n');
      assert.deepEqual(py(src), []);
      assert.deepEqual(py('def handler(event, context, extra): pass'), [], 'three required parameters');
      assert.deepEqual(detectHandlers('def other(event, context): pass', 'python', { extraNames: ['other'] }).map((h) => h.handlerName), ['other']);
    });
  });
});
