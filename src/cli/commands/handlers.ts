// `serverless-lab handlers <file>...`: prints the handlers the editor would put "▶ Invoke" lenses on,
// one `file:line name runtime` line each (or JSON). Same detection as the CodeLens: conventional names,
// `--name` extras, and names listed for the file in the nearest .serverless-lab/functions.json or SAM template.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectHandlers, languageOf, type DetectedHandler } from '../../core/run/handlerDetection';
import { FUNCTIONS_FILE, FunctionRegistry, nodeRegistryHost, runtimeForFile } from '../../core/functions';

interface HandlersOptions {
  name: string[];
  json?: boolean;
}

/** One detected handler, as printed. */
export interface HandlerLine {
  file: string;
  /** 1-based, like compilers print. */
  line: number;
  name: string;
  runtime: string;
}

/** The nearest ancestor folder of `file` holding `relative`, or undefined. */
function findUp(file: string, relative: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, relative))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const registries = new Map<string, FunctionRegistry>();

/**
 * Names listed for `file` by the one function registry, rooted like `invoke`: at the nearest folder with
 * .serverless-lab/functions.json, else the nearest with a SAM template, else the current directory.
 */
function listedNames(file: string): Promise<string[]> {
  const abs = path.resolve(file);
  const root = findUp(abs, FUNCTIONS_FILE) ?? findUp(abs, 'template.yaml') ?? findUp(abs, 'template.yml') ?? process.cwd();
  let registry = registries.get(root);
  if (!registry) registries.set(root, (registry = new FunctionRegistry([root], nodeRegistryHost())));
  return registry.handlerNamesFor(abs);
}

/** Detects the handlers of each file; unreadable or unsupported files are reported in `problems`. */
export async function findHandlers(files: readonly string[], extraNames: readonly string[]): Promise<{ handlers: HandlerLine[]; problems: string[] }> {
  const handlers: HandlerLine[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const language = languageOf(file);
    if (!language) {
      problems.push(`${file}: not a JavaScript, TypeScript or Python file (skipped)`);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`);
      continue;
    }
    const found: DetectedHandler[] = detectHandlers(text, language, { extraNames, listedNames: await listedNames(file) });
    for (const h of found) handlers.push({ file, line: h.line + 1, name: h.handlerName, runtime: runtimeForFile(file) });
  }
  return { handlers, problems };
}

/** Registers `handlers` on the CLI program. */
export function registerHandlersCommand(program: Command): void {
  program
    .command('handlers')
    .description('List the handlers Serverless Lab detects (the ones the editor puts "▶ Invoke" on): file:line name runtime')
    .argument('<file...>', 'JavaScript, TypeScript or Python files')
    .option('--name <name>', 'also treat this exported name as a handler (repeatable; like the serverlessLab.handlers.extraNames setting)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--json', 'print a JSON array of { file, line, name, runtime }')
    .addHelpText('after', '\nExit status: 0 when every file was read (even with no handler), 2 when a file is missing or unsupported.')
    .action(async (files: string[], opts: HandlersOptions) => {
      const { handlers, problems } = await findHandlers(files, opts.name);
      if (opts.json) process.stdout.write(`${JSON.stringify(handlers, null, 2)}\n`);
      else for (const h of handlers) process.stdout.write(`${h.file}:${h.line} ${h.name} ${h.runtime}\n`);
      for (const p of problems) process.stderr.write(`serverless-lab: ${p}\n`);
      if (problems.length) process.exitCode = 2;
    });
}
