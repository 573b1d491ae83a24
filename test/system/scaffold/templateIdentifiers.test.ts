// Every template × every identifier the templates use (found with TypeScript's parser and Python's
// tokenize, independently of the scaffolder's own tokenizer): the name is refused, or the generated
// code type-checks (TypeScript, JavaScript with checkJs) or passes its generated test (Python).
// Which renders are compiled: the name is code only in the handler file (the shim loads it by path,
// the test only quotes it), and a name that occurs nowhere in the handler can only shadow a global the
// handler does not use; those are skipped, except names compilers reserve at module scope, which are
// always compiled. AWS templates never put the name in code at all (checked below).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { checkNewFunctionName, loadTemplates, renderFunction, type LanguageId, type ScaffoldRequest } from '../../../src/core/scaffold';
import { realPython } from '../../unit/scaffold/python';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const combos = templates.manifest.triggers.flatMap((t) => t.languages.map((language) => ({ provider: t.provider, language, trigger: t.id })));
const alwaysCompiled = ['Promise', 'require', 'exports', 'module', '__filename', '__dirname', 'console', 'JSON', 'print', 'str', 'dict'];

/** Identifiers in JS/TS text, by TypeScript's own parser. */
function jsIdentifiers(text: string, file: string): Set<string> {
  const ids = new Set<string>();
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) ids.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return ids;
}

/** NAME tokens of Python files, by Python's tokenize (one process for all files). */
function pyIdentifiers(files: Record<string, string>): Record<string, string[]> {
  const script = 'import io,json,sys,tokenize\nd=json.load(sys.stdin)\nprint(json.dumps({k:sorted({t.string for t in tokenize.generate_tokens(io.StringIO(v).readline) if t.type==tokenize.NAME}) for k,v in d.items()}))';
  return JSON.parse(execFileSync(realPython(), ['-c', script], { input: JSON.stringify(files), encoding: 'utf8' })) as Record<string, string[]>;
}

const neutral = (text: string) => text.replace(/\{\{(camelName|snakeName)\}\}/g, 'x').replace(/\{\{cursor\}\}/g, '').replace(/\{\{\w+\}\}/g, '0');
const all = fs.readdirSync(path.join(repo, 'templates'), { recursive: true }).map(String).filter((f) => /\.(ts|js|py)$/.test(f)).map((f) => f.split(path.sep).join('/'));
const identifiers = new Set<string>();
for (const f of all.filter((x) => !x.endsWith('.py'))) for (const id of jsIdentifiers(neutral(templates.read(f)), f)) identifiers.add(id);

describe('scaffold: names against every identifier the templates use', function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    for (const ids of Object.values(pyIdentifiers(Object.fromEntries(all.filter((x) => x.endsWith('.py')).map((f) => [f, neutral(templates.read(f))]))))) for (const id of ids) identifiers.add(id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-names-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('AWS templates never put the name in code, so no name can collide there', () => {
    const sentinel = 'zqxSentinelName';
    for (const c of combos.filter((x) => x.provider === 'aws')) {
      const r = renderFunction(templates.manifest, templates.read, { ...c, name: sentinel });
      const code = r.files.filter((f) => f.role !== 'event');
      const found = c.language === 'python'
        ? Object.values(pyIdentifiers(Object.fromEntries(code.map((f) => [f.path, f.content])))).some((ids) => ids.includes(sentinel))
        : code.some((f) => jsIdentifiers(f.content, f.path).has(sentinel));
      assert.equal(found, false, `${c.trigger}/${c.language}`);
    }
  });

  it('every Azure/Google template with every identifier: refused, or it compiles / passes its test', function () {
    assert.ok(identifiers.size > 300, `only ${identifiers.size} identifiers found`);
    const rendered: { req: ScaffoldRequest; root: string; files: string[]; functionDir: string }[] = [];
    let refused = 0;
    for (const c of combos.filter((x) => x.provider !== 'aws')) {
      const sample = renderFunction(templates.manifest, templates.read, { ...c, name: 'zqxName' }).files.find((f) => f.role === 'handler')!.content;
      for (const id of identifiers) {
        const req = { ...c, name: id };
        if (checkNewFunctionName(templates.manifest, templates.read, req)) {
          refused++;
          continue;
        }
        if (!new RegExp(`\\b${id.replace(/\$/g, '\\$')}\\b`).test(sample) && !alwaysCompiled.includes(id)) continue;
        const root = path.join(dir, `${c.trigger}-${c.language}`);
        const r = renderFunction(templates.manifest, templates.read, req);
        for (const f of r.files) {
          fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
          fs.writeFileSync(path.join(root, f.path), f.content);
        }
        rendered.push({ req, root, functionDir: path.join(root, r.functionDir), files: r.files.filter((f) => f.role === 'handler').map((f) => path.join(root, f.path)) });
      }
    }
    assert.ok(refused > 0 && rendered.length > 0, `refused ${refused}, compiled ${rendered.length}`);
    this.test!.title += ` (${refused} refused, ${rendered.length} compiled)`;
    const byLanguage = (l: LanguageId) => rendered.filter((r) => r.req.language === l);
    // TypeScript strictly; JavaScript with checkJs (catches `JSON.stringify` on a function named JSON).
    const options: ts.CompilerOptions = {
      noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true,
      skipLibCheck: true, allowJs: true, checkJs: true, types: ['node'], typeRoots: [path.join(repo, 'node_modules/@types')], baseUrl: repo,
      paths: { 'aws-lambda': ['node_modules/@types/aws-lambda'], '@azure/functions': ['node_modules/@azure/functions'], '@google-cloud/functions-framework': ['node_modules/@google-cloud/functions-framework'] },
    };
    const check = (files: string[], strict: boolean): string[] => {
      const program = ts.createProgram(files, { ...options, strict });
      return ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(path.resolve(d.file.fileName)))
        .map((d) => `${d.file!.fileName.slice(dir.length)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    };
    // JavaScript is checked without strict, as its author would (no implicit-any noise); TypeScript strictly.
    assert.deepEqual([...check(byLanguage('typescript').flatMap((r) => r.files), true), ...check(byLanguage('javascript').flatMap((r) => r.files), false)], []);
    // Python: each generated test, all in one interpreter.
    const runner = [
      'import contextlib,importlib.util,io,json,sys,unittest',
      'bad=[]',
      'for d in json.load(sys.stdin):',
      '    spec=importlib.util.spec_from_file_location("t%d"%len(bad+[0])+str(abs(hash(d))), d+"/test_handler.py")',
      '    m=importlib.util.module_from_spec(spec)',
      '    try:',
      '        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):',
      '            spec.loader.exec_module(m); r=unittest.TextTestRunner(stream=io.StringIO()).run(unittest.defaultTestLoader.loadTestsFromModule(m))',
      '        ok=r.wasSuccessful() and r.testsRun>0',
      '    except Exception as e: ok=False',
      '    if not ok: bad.append(d)',
      'print(json.dumps(bad))',
    ].join('\n');
    const failed = JSON.parse(execFileSync(realPython(), ['-c', runner], { input: JSON.stringify(byLanguage('python').map((r) => r.functionDir)), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as string[];
    assert.deepEqual(failed.map((d) => d.slice(dir.length)), []);
  });
});
