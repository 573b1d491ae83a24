// The function a ```run block or a predict `invoke:` subject calls: a handler file beside the
// lesson, its event (inline or from a file) and optional memory and timeout, like functions.json.
import type { DirectiveProblem } from '../directives/registry';
import { isRecord } from './yamlBody';

/** A handler to invoke; paths are relative to the lesson file. */
export interface InvokeTarget {
  handler: string;
  handlerName?: string;
  /** Inline event (any JSON value); used when `eventFile` is absent. Default `{}`. */
  event?: unknown;
  /** JSON event file relative to the lesson file. */
  eventFile?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** Keys of InvokeTarget, for unknown-key messages. */
export const TARGET_KEYS = ['handler', 'handlerName', 'event', 'eventFile', 'memoryMb', 'timeoutSeconds'] as const;

/** Lambda's memory range in MB and timeout range in seconds (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, 2026-11-27). */
const MEMORY_RANGE = [128, 10240] as const;
const TIMEOUT_RANGE = [1, 900] as const;

/** Reads the target keys of `data`; `line(key)` locates each key for problems. */
export function parseTarget(data: Record<string, unknown>, line: (key: string) => number, where: string): { value?: InvokeTarget; problems: DirectiveProblem[] } {
  const problems: DirectiveProblem[] = [];
  const bad = (key: string, message: string): void => void problems.push({ line: line(key), message: `${where}${message}` });
  const handler = data.handler;
  if (typeof handler !== 'string' || !handler.trim()) bad('handler', '"handler" must be the path of a handler file, relative to the lesson file (e.g. exercises/heavy-init/solution/handler.js)');
  if (data.handlerName !== undefined && (typeof data.handlerName !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(data.handlerName))) bad('handlerName', '"handlerName" must be the exported function name, e.g. handler');
  if (data.event !== undefined && data.eventFile !== undefined) bad('eventFile', 'give "event" or "eventFile", not both');
  if (data.eventFile !== undefined && (typeof data.eventFile !== 'string' || !data.eventFile.trim())) bad('eventFile', '"eventFile" must be the path of a JSON file, relative to the lesson file');
  const range = (key: 'memoryMb' | 'timeoutSeconds', [min, max]: readonly [number, number]): void => {
    const v = data[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max)) bad(key, `"${key}" must be a whole number from ${min} to ${max}, as on Lambda`);
  };
  range('memoryMb', MEMORY_RANGE);
  range('timeoutSeconds', TIMEOUT_RANGE);
  if (problems.length) return { problems };
  const value: InvokeTarget = { handler: (handler as string).trim() };
  if (typeof data.handlerName === 'string') value.handlerName = data.handlerName;
  if (data.event !== undefined) value.event = data.event;
  if (typeof data.eventFile === 'string') value.eventFile = data.eventFile.trim();
  if (typeof data.memoryMb === 'number') value.memoryMb = data.memoryMb;
  if (typeof data.timeoutSeconds === 'number') value.timeoutSeconds = data.timeoutSeconds;
  return { value, problems };
}

/** Picks the target keys out of a mapping (for subjects that mix them with their own keys). */
export function targetPart(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => (TARGET_KEYS as readonly string[]).includes(k)));
}

export { isRecord };
