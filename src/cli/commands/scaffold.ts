// `serverless-lab new …` and `serverless-lab sam export|read`: scaffolding and SAM from the terminal,
// over the same core as the editor's "New Function…" and "Export to AWS SAM".
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportSam, readSamTemplate } from '../../core/sam';
import type { EventArchitecture } from '../../core/eventing/definitions';
import { architectureOf, type EngineSnapshot } from '../../core/eventing/snapshot';
import {
  addFunctionEntry, checkNewFunctionName, functionsFilePath, loadTemplates, parseFunctionsFile, planScaffold, renderFunction,
  type LanguageId, type ProviderId,
} from '../../core/scaffold';

/** The templates folder next to the bundle (dist/cli.js) or the source tree. */
function templatesDir(): string {
  const candidates = [path.join(__dirname, '..', 'templates'), path.join(__dirname, '..', '..', '..', 'templates')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'manifest.json')));
  if (!found) throw new Error(`templates/manifest.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Registers `new` and `sam`. */
export function registerScaffoldCommand(program: Command): void {
  program
    .command('new')
    .description('Create a function from a template: handler, unit test, sample events and a functions.json entry (never overwrites)')
    .argument('[provider]', 'aws | azure | gcp')
    .argument('[language]', 'typescript | javascript | python')
    .argument('[trigger]', 'trigger id (run without arguments to list them)')
    .argument('[name]', 'function name')
    .option('--dir <folder>', 'target folder (the workspace root)', '.')
    .action(async (provider: string | undefined, language: string | undefined, trigger: string | undefined, name: string | undefined, opts: { dir: string }, command: Command) => {
      const templates = loadTemplates(templatesDir());
      const usage = 'usage: serverless-lab new <provider> <language> <trigger> <name> [--dir <folder>]';
      if (provider === undefined) {
        for (const t of templates.manifest.triggers) process.stdout.write(`${t.provider.padEnd(6)} ${t.id.padEnd(26)} ${t.languages.join(',').padEnd(33)} ${t.label}\n`);
        process.stdout.write(`\n${usage}\n`);
        return;
      }
      const missing = [['provider', provider], ['language', language], ['trigger', trigger], ['name', name]].find(([, v]) => v === undefined || v.trim() === '');
      if (missing) command.error(`serverless-lab new: missing ${missing[0]}${missing[1] === '' ? ' (it is empty)' : ''}\n${usage}\n(run "serverless-lab new" with no arguments to list providers, languages and triggers)`, { exitCode: 2, code: 'serverless-lab.missingArgument' });
      const req = { provider: provider as ProviderId, language: language as LanguageId, trigger: trigger!, name: name! };
      const functionsFile = path.join(opts.dir, functionsFilePath);
      const existing = readIfExists(functionsFile);
      const bad = checkNewFunctionName(templates.manifest, templates.read, req, existing === undefined ? {} : parseFunctionsFile(existing, functionsFile).functions);
      if (bad) throw new Error(bad);
      const rendered = renderFunction(templates.manifest, templates.read, req);
      const merged = addFunctionEntry(existing, req.name, rendered.entry); // throws on a name clash
      const plan = await planScaffold(rendered, (rel) => fs.existsSync(path.join(opts.dir, rel)));
      if (plan.conflicts.length) {
        throw new Error(`nothing created; these files already exist:\n${plan.conflicts.map((c) => `  ${c}`).join('\n')}\nChoose another name.`);
      }
      for (const f of rendered.files) {
        fs.mkdirSync(path.dirname(path.join(opts.dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(opts.dir, f.path), f.content, { flag: 'wx' });
        process.stdout.write(`created ${f.path}\n`);
      }
      fs.mkdirSync(path.dirname(functionsFile), { recursive: true });
      fs.writeFileSync(functionsFile, merged);
      process.stdout.write(`${existing === undefined ? 'created' : 'updated'} ${functionsFilePath}\nrun its test: (cd ${rendered.functionDir} && ${rendered.testCommand.join(' ')})\n`);
    });

  const sam = program.command('sam').description('AWS SAM: export functions.json to template.yaml, or read a template');
  sam
    .command('export')
    .description('Write template.yaml from .serverless-lab/functions.json (merges into an existing one only with --merge)')
    .option('--dir <folder>', 'workspace folder', '.')
    .option('--merge', 'add to an existing template.yaml (existing resources are never changed)')
    .option('--events <file>', 'also write event resources (queues, rules, topics, …) from an engine snapshot or architecture JSON file')
    .action((opts: { dir: string; merge?: boolean; events?: string }) => {
      const functionsText = readIfExists(path.join(opts.dir, functionsFilePath));
      if (functionsText === undefined && !opts.events) throw new Error(`${path.join(opts.dir, functionsFilePath)} not found; create a function with "serverless-lab new" first`);
      const templateFile = path.join(opts.dir, 'template.yaml');
      const existing = readIfExists(templateFile);
      if (existing !== undefined && !opts.merge) throw new Error(`${templateFile} exists; pass --merge to add the functions to it`);
      const architecture = opts.events ? readArchitecture(opts.events) : undefined;
      const functions = functionsText === undefined ? {} : parseFunctionsFile(functionsText, functionsFilePath).functions;
      const result = exportSam(functions, existing, { architecture });
      for (const s of result.skipped) process.stderr.write(`skipped ${s.name}: ${s.reason}\n`);
      for (const note of result.eventNotes) process.stderr.write(`events: ${note}\n`);
      if (!result.added.length && !result.eventResources.length) return;
      fs.writeFileSync(templateFile, result.text);
      process.stdout.write(`wrote ${templateFile} (${[...result.added, ...result.eventResources].join(', ')})\n`);
      // Build files are created only when missing; an existing one is checked, never changed.
      for (const f of result.files) {
        const file = path.join(opts.dir, f.path);
        const current = readIfExists(file);
        if (current === undefined) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, f.content, { flag: 'wx' });
          process.stdout.write(`created ${f.path} (${f.purpose})\n`);
        } else {
          const problem = f.check(current);
          if (problem) process.stderr.write(`warning: ${problem}\n`);
        }
      }
      process.stdout.write('next: sam build && sam deploy --guided\n');
    });
  sam
    .command('read')
    .description('Print the functions a SAM template defines, with diagnostics (file:line:col)')
    .argument('[template]', 'template file', 'template.yaml')
    .option('--json', 'print JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const result = readSamTemplate(fs.readFileSync(file, 'utf8'), file);
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const f of result.functions) process.stdout.write(`${f.logicalId}: ${f.handlerFileCandidates[0] ?? '?'} ${f.handlerName} ${f.runtime} ${f.memoryMb} MB ${f.timeoutSec} s${f.trigger ? ` (${f.trigger})` : ''}\n`);
        for (const d of result.diagnostics) process.stderr.write(`${d.file}:${d.start.line + 1}:${d.start.character + 1}: ${d.severity}: ${d.message}\n`);
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
    });
}

/** An EventArchitecture JSON file, or an engine snapshot (EventEngine.snapshot(), e.g. saved from the Event Flow view). */
function readArchitecture(file: string): EventArchitecture {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}; give an engine snapshot or an event architecture as JSON`);
  }
  const o = (data ?? {}) as Record<string, unknown>;
  if (Array.isArray(o.rules) && Array.isArray(o.queues)) return { buses: [], topics: [], subscriptions: [], mappings: [], asyncConfigs: {}, functions: [], ...o } as unknown as EventArchitecture;
  if (Array.isArray(o.buses) && Array.isArray(o.queues)) return architectureOf(o as unknown as EngineSnapshot);
  throw new Error(`${file}: expected an engine snapshot ({ buses, queues, topics, mappings }) or an event architecture ({ queues, rules, … })`);
}
