// `sam build` for TypeScript, as far as it can be checked without SAM CLI: every AWS TypeScript template
// is exported, bundled with esbuild using the arguments aws-lambda-builders' esbuild workflow passes
// (aws_lambda_builders/workflows/nodejs_npm_esbuild/esbuild.py, read 2026-11-27), and the artifact is
// loaded through the template's Handler and run against the template's own sample events.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exportSam, intrinsicTags } from '../../../src/core/sam';
import { loadTemplates, renderFunction, type FunctionEntry } from '../../../src/core/scaffold';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const esbuild = path.join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild');

type SamFn = { Properties: { CodeUri: string; Handler: string }; Metadata?: { BuildMethod?: string; BuildProperties?: Record<string, unknown> } };

/** The esbuild argv the workflow builds: entry points, its defaults unless overridden, then each property as a flag. */
function workflowArgs(props: Record<string, unknown>, outdir: string): string[] {
  // SAM CLI hands BuildProperties over in snake_case; the workflow turns them into kebab-case flags.
  const config = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(), v]));
  const args = [...(config.entry_points as string[]), '--bundle', '--platform=node', `--outdir=${outdir}`];
  if (!('target' in config)) args.push('--target=es2020');
  if (!('format' in config)) args.push('--format=cjs');
  if (!('minify' in config)) args.push('--minify');
  for (const [key, value] of Object.entries(config)) {
    if (key === 'entry_points') continue;
    const flag = `--${key.replace(/_/g, '-')}`;
    if (value === true) args.push(flag);
    else if (typeof value === 'string') args.push(`${flag}=${value}`);
    else if (Array.isArray(value)) args.push(...value.map((v) => `${flag}:${String(v)}`));
  }
  return args;
}

describe('SAM export: sam build for TypeScript (esbuild workflow, modelled)', function () {
  this.timeout(180000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sam-build-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every AWS TypeScript template bundles from its CodeUri and runs through its Handler', async () => {
    const functions: Record<string, FunctionEntry> = {};
    const expectations = new Map<string, { file: string; expect: Record<string, unknown> | null }[]>();
    for (const t of templates.manifest.triggers.filter((x) => x.provider === 'aws' && x.languages.includes('typescript'))) {
      const name = `${t.id.replace(/-/g, '')}Ts`;
      const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language: 'typescript', trigger: t.id, name });
      for (const f of r.files) {
        fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.content);
      }
      functions[name] = r.entry;
      expectations.set(name, r.files.filter((f) => f.role === 'event').map((f, i) => ({ file: f.path, expect: t.events[i].expect })));
    }
    const result = exportSam(functions);
    for (const f of result.files) fs.writeFileSync(path.join(dir, f.path), f.content);
    const template = parse(result.text, { customTags: intrinsicTags }) as { Resources: Record<string, SamFn & { Type: string }> };
    const failures: string[] = [];
    for (const [id, res] of Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function')) {
      const codeUri = path.join(dir, res.Properties.CodeUri);
      assert.equal(res.Metadata?.BuildMethod, 'esbuild', id);
      const manifest = JSON.parse(fs.readFileSync(path.join(codeUri, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      assert.ok(manifest.dependencies?.esbuild, `${id}: CodeUri's package.json must list esbuild in dependencies`);
      const artifacts = path.join(dir, '.aws-sam', id);
      execFileSync(esbuild, workflowArgs(res.Metadata!.BuildProperties!, artifacts), { cwd: codeUri, stdio: 'pipe' });
      const [moduleName, exportName] = [res.Properties.Handler.slice(0, res.Properties.Handler.lastIndexOf('.')), res.Properties.Handler.slice(res.Properties.Handler.lastIndexOf('.') + 1)];
      assert.deepEqual(fs.readdirSync(artifacts).sort(), [`${moduleName}.js`, `${moduleName}.js.map`], `${id}: the artifact holds the bundle only`);
      const handler = ((await import(path.join(artifacts, `${moduleName}.js`))) as Record<string, (e: unknown, c: unknown) => Promise<unknown>>)[exportName];
      assert.equal(typeof handler, 'function', `${id}: Handler ${res.Properties.Handler} resolves in the artifact`);
      const name = (res.Metadata as { ServerlessLab: { name: string } } & SamFn['Metadata']).ServerlessLab.name;
      for (const { file, expect } of expectations.get(name)!) {
        // The handlers log JSON lines; keep them out of the test report.
        const log = console.log;
        console.log = () => undefined;
        let response: Record<string, unknown> | undefined;
        try {
          response = await handler(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), { awsRequestId: 'r', functionName: name, getRemainingTimeInMillis: () => 3000 }) as Record<string, unknown> | undefined;
        } finally {
          console.log = log;
        }
        const ok = expect === null ? response === undefined || response === null : Object.entries(expect).every(([k, v]) => JSON.stringify(response?.[k]) === JSON.stringify(v));
        if (!ok) failures.push(`${id} ${file}: ${JSON.stringify(response)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
