// `serverless-lab events match|route`: EventBridge pattern matching from the command line, for
// trying patterns, checking conformance cases and routing a stream of events against rules.
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { compilePattern, compileRuleSet, entriesOf, parseJson } from '../../core/eventing/patterns';
import { formatExplanation } from '../../core/eventing/patterns/format';
import type { JsonObject } from '../../core/eventing/patterns/json';

/** Where command output goes (stdout/stderr in the CLI; buffers in tests). */
export interface MatchIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: MatchIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Reads `<file|json>`: inline JSON when it starts with `{` or `[`, otherwise a file path. */
function readJsonArg(arg: string, what: string): unknown {
  const inline = /^\s*[[{]/.test(arg);
  let text: string;
  try {
    text = inline ? arg : fs.readFileSync(arg, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} file "${arg}": ${(err as Error).message}`);
  }
  try {
    return parseJson(text);
  } catch (err) {
    throw new Error(`${inline ? `inline ${what}` : arg}: ${(err as Error).message}`);
  }
}

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/);
}

/** `events match --pattern --event [--explain]`; returns the exit code (2: invalid pattern or input). */
export function matchOne(opts: { pattern: string; event: string; explain?: boolean }, io: MatchIo = processIo): number {
  let compiled;
  try {
    compiled = compilePattern(readJsonArg(opts.pattern, 'pattern'));
  } catch (err) {
    io.err(`invalid pattern: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const event = readJsonArg(opts.event, 'event');
    io.out(opts.explain ? formatExplanation(compiled.explain(event)) : `${compiled.matches(event)}\n`);
    return 0;
  } catch (err) {
    io.err(`invalid event: ${(err as Error).message}\n`);
    return 2;
  }
}

/** `events match --cases <file.jsonl>`: one verdict line per case, in order. */
export function matchCases(file: string, io: MatchIo = processIo): number {
  readLines(file).forEach((line) => {
    if (!line.trim()) return;
    try {
      const c = parseJson(line) as { pattern?: unknown; event?: unknown };
      io.out(`${compilePattern(c.pattern).matches(c.event)}\n`);
    } catch (err) {
      io.out(`error: ${(err as Error).message}\n`);
    }
  });
  return 0;
}

/** `events route --rules <file.json> --events <file.jsonl>`: per event, the matching rule names. */
export function route(opts: { rules: string; events: string }, io: MatchIo = processIo): number {
  let ruleSet;
  try {
    const rules = readJsonArg(opts.rules, 'rules');
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw new Error('rules must be a JSON object {"<rule name>": <pattern>, …}');
    ruleSet = compileRuleSet(entriesOf(rules as JsonObject).map(([name, pattern]) => ({ name, pattern })));
  } catch (err) {
    io.err(`invalid rules: ${(err as Error).message}\n`);
    return 2;
  }
  let status = 0;
  readLines(opts.events).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      io.out(`${JSON.stringify(ruleSet.match(parseJson(line)))}\n`);
    } catch (err) {
      io.out(`error: ${(err as Error).message}\n`);
      io.err(`${opts.events}:${i + 1}: ${(err as Error).message}\n`);
      status = 1;
    }
  });
  return status;
}

/** Registers `match` and `route` under the `events` command. */
export function registerEventsMatchCommands(events: Command): void {
  events
    .command('match')
    .description('Match an EventBridge pattern against an event (true/false), or run labelled cases')
    .option('--pattern <file|json>', 'the event pattern (a file, or inline JSON)')
    .option('--event <file|json>', 'the event (a file, or inline JSON)')
    .option('--explain', 'print why, condition by condition')
    .option('--cases <file.jsonl>', 'lines of {"pattern":…,"event":…}; prints true, false or error: <message> per line')
    .action((opts: { pattern?: string; event?: string; explain?: boolean; cases?: string }) => {
      if (opts.cases) process.exitCode = matchCases(opts.cases);
      else if (opts.pattern && opts.event) process.exitCode = matchOne({ pattern: opts.pattern, event: opts.event, explain: opts.explain });
      else {
        process.stderr.write('events match needs --pattern and --event, or --cases\n');
        process.exitCode = 2;
      }
    });
  events
    .command('route')
    .description('Route events (JSON lines) against named rules; prints the matching rule names per event')
    .requiredOption('--rules <file.json>', 'rules as {"<rule name>": <pattern>, …}')
    .requiredOption('--events <file.jsonl>', 'one event per line')
    .action((opts: { rules: string; events: string }) => {
      process.exitCode = route(opts);
    });
}
