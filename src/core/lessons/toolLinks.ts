// Tool links: `[text](command:serverlessLab.<id>?<url-encoded JSON>)` in a lesson runs a product
// command. Only the commands below may run, each with a checked argument shape; `lessons check`
// validates every link, and the lesson panel validates again before it runs one. Paths in
// arguments are relative to the lesson file, like every other path in a lesson.
import type { LessonProblem, LessonSource } from './types';

/** One allowlisted command: what its argument may be, and whether it changes files (the panel asks first). */
export interface ToolLinkCommand {
  /** Checks the decoded argument (undefined when the link has none); returns a problem, or undefined when usable. */
  check(arg: unknown): string | undefined;
  changesFiles: boolean;
  /** The argument shape, for messages and lessons/README.md. */
  shape: string;
  /** Commands another feature registers later (Event Flow, Pattern Playground, BaaS Explorer): a missing one gets a clear message, not an error. */
  optional?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const none = (arg: unknown): string | undefined => (arg === undefined ? undefined : 'takes no argument');
const anyObject = (arg: unknown): string | undefined => (arg === undefined || isObject(arg) ? undefined : 'takes no argument or an object');

/** Argument of an object with these keys (type checks by `typeof`, or 'array'); `required` keys must be present. */
function objectOf(keys: Record<string, string>, required: readonly string[] = [], optionalArg = true): (arg: unknown) => string | undefined {
  return (arg) => {
    if (arg === undefined) return optionalArg ? undefined : `needs an argument { ${Object.keys(keys).join(', ')} }`;
    if (!isObject(arg)) return `takes an object { ${Object.keys(keys).join(', ')} }`;
    for (const k of Object.keys(arg)) if (!(k in keys)) return `unknown argument key "${k}" (allowed: ${Object.keys(keys).join(', ')})`;
    for (const k of required) if (!(k in arg)) return `argument needs "${k}"`;
    for (const [k, type] of Object.entries(keys)) {
      const v = arg[k];
      if (v === undefined || type === 'any') continue;
      const ok = type === 'array' ? Array.isArray(v) : type.includes('|') ? type.split('|').includes(String(v)) : typeof v === type;
      if (!ok) return `argument "${k}" must be ${type.includes('|') ? `one of ${type.split('|').join(', ')}` : `a ${type}`}`;
    }
    return undefined;
  };
}

const FILE_TARGET = { file: 'string', handlerName: 'string' };

/** The commands lessons may run, with their argument shapes (documented in lessons/README.md "Tool links"). */
export const TOOL_LINK_COMMANDS: Readonly<Record<string, ToolLinkCommand>> = {
  'serverlessLab.openLesson': { check: (a) => (typeof a === 'string' && a ? undefined : 'needs the lesson id as a JSON string, e.g. "cold-starts"'), changesFiles: false, shape: '"<lesson-id>"' },
  'serverlessLab.showLessons': { check: none, changesFiles: false, shape: 'none' },
  'serverlessLab.nextLesson': { check: none, changesFiles: false, shape: 'none' },
  'serverlessLab.getStarted': { check: none, changesFiles: false, shape: 'none' },
  'serverlessLab.openSample': { check: objectOf(FILE_TARGET, ['file'], false), changesFiles: false, shape: '{ file, handlerName? }: opens the file at its handler line' },
  'serverlessLab.invokeHandler': { check: objectOf({ ...FILE_TARGET, mode: 'invoke|cold', event: 'any' }, ['file'], false), changesFiles: false, shape: '{ file, handlerName?, mode?: "invoke" | "cold", event? }' },
  'serverlessLab.runLoad': { check: objectOf({ ...FILE_TARGET, plan: 'object' }, ['file'], false), changesFiles: false, shape: '{ file, handlerName?, plan?: { requests, concurrency, … } }' },
  'serverlessLab.showInvocations': { check: objectOf({ view: 'invocation|load|whatIf' }), changesFiles: false, shape: 'none, or { view: "invocation" | "load" | "whatIf" } (whatIf: the keep-alive what-if)' },
  'serverlessLab.stopAllSandboxes': { check: none, changesFiles: false, shape: 'none' },
  'serverlessLab.openCost': {
    check: objectOf({ durationsMs: 'array', memoryMb: 'number', maxMemoryUsedMb: 'number', coldFraction: 'number', initMs: 'number', functionName: 'string' }, ['durationsMs', 'memoryMb', 'maxMemoryUsedMb']),
    changesFiles: false,
    shape: 'none, or { durationsMs: number[], memoryMb, maxMemoryUsedMb, coldFraction?, initMs?, functionName? }',
  },
  'serverlessLab.newFunction': { check: objectOf({ provider: 'aws|azure|gcp', language: 'string', trigger: 'string', name: 'string' }), changesFiles: true, shape: 'none, or { trigger?, provider?, language?, name? }: preselects them' },
  'serverlessLab.showRosetta': { check: objectOf({ group: 'string', language: 'string' }), changesFiles: false, shape: 'none, or { group, language }' },
  'serverlessLab.exportSam': { check: objectOf({}), changesFiles: true, shape: 'none' },
  'serverlessLab.exerciseAction': {
    check: (a) => (Array.isArray(a) && a.length === 3 && a.every((x) => typeof x === 'string') && ['start', 'check', 'hint', 'solution', 'reset'].includes(a[2] as string) ? undefined : 'needs ["<lesson-id>", "<exercise-id>", "start" | "check" | "hint" | "solution" | "reset"]'),
    changesFiles: false, // Start and Reset ask before they overwrite anything themselves
    shape: '["<lesson-id>", "<exercise-id>", "start" | "check" | "hint" | "solution" | "reset"]',
  },
  'serverlessLab.openEventFlow': { check: anyObject, changesFiles: false, shape: 'none, or an object', optional: true },
  'serverlessLab.openPatternPlayground': { check: anyObject, changesFiles: false, shape: 'none, or an object', optional: true },
  'serverlessLab.baas.openExplorer': { check: anyObject, changesFiles: false, shape: 'none, or an object', optional: true },
  // Starting the BaaS creates its data folder (.serverless-lab/baas) in the workspace: ask first.
  'serverlessLab.baas.start': { check: none, changesFiles: true, shape: 'none', optional: true },
};

/** A decoded tool link: the command and its one argument (undefined when the link has none). */
export interface ToolLink {
  command: string;
  arg: unknown;
  spec: ToolLinkCommand;
}

/** Decodes and checks `command:<id>?<url-encoded JSON>`; returns a problem an author can act on instead of throwing. */
export function parseToolLink(href: string): { link?: ToolLink; problem?: string } {
  const m = /^command:([\w.-]+)(?:\?(.*))?$/s.exec(href);
  if (!m) return { problem: `"${href}" is not a command link (command:serverlessLab.<id>?<url-encoded JSON>)` };
  const command = m[1];
  const spec = TOOL_LINK_COMMANDS[command];
  if (!spec) return { problem: `command "${command}" may not run from a lesson (allowed: ${Object.keys(TOOL_LINK_COMMANDS).join(', ')}; see lessons/README.md "Tool links")` };
  let arg: unknown;
  if (m[2] !== undefined && m[2] !== '') {
    try {
      arg = JSON.parse(decodeURIComponent(m[2]));
    } catch (e) {
      return { problem: `the argument of ${command} is not URL-encoded JSON: ${(e as Error).message}` };
    }
  }
  const problem = spec.check(arg);
  if (problem) return { problem: `${command} ${problem} (shape: ${spec.shape})` };
  return { link: { command, arg, spec } };
}

/** `file` arguments that must exist beside the lesson (checked by `lessons check`). */
export function linkFiles(link: ToolLink): string[] {
  const file = isObject(link.arg) ? link.arg.file : undefined;
  return typeof file === 'string' ? [file] : [];
}

/** Every `command:` link in a lesson body (outside code fences), with its 1-based file line. */
export function commandLinks(lesson: LessonSource): Array<{ href: string; line: number }> {
  const out: Array<{ href: string; line: number }> = [];
  let inFence = false;
  for (const [i, text] of lesson.body.split(/\r?\n/).entries()) {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) continue;
    for (const m of text.matchAll(/\]\((command:[^)\s]+)\)/g)) out.push({ href: m[1], line: lesson.bodyLine + i });
  }
  return out;
}

/** Problems with a lesson's command links: unknown commands and bad arguments. */
export function checkToolLinks(lesson: LessonSource): LessonProblem[] {
  return commandLinks(lesson).flatMap(({ href, line }) => {
    const { problem } = parseToolLink(href);
    return problem ? [{ file: lesson.file, line, message: problem, severity: 'error' as const }] : [];
  });
}
