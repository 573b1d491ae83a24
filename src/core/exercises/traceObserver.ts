// `trace`: loads the exercise's SAM template into the core EventEngine, puts the check's events,
// runs the learner's functions through the runtime service, and settles the flow in virtual time
// (a ManualClock: an hour of retries takes as long as the invocations do). The observation is
// what a learner would read off the event flow view: invocations, queue depths, DLQ contents, hops.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../run/random';
import { EventEngine } from '../eventing/engine';
import { ManualClock } from '../eventing/clock';
import { applyArchitecture, readEventArchitecture, type EventArchitecture } from '../eventing/definitions';
import { parseArn } from '../eventing/arn';
import type { FaultSettings } from '../eventing/faults';
import type { MessageAttributeValue } from '../eventing/sqsMd5';
import type { TraceEvent } from '../eventing/trace';
import { ObserverFailure, type Observer } from './observerTypes';
import { traceRuntime, type TracedInvocation } from './traceRuntime';
import type { CheckSpec } from './types';

/** What `trace.*` paths read. Keys of queues and functions are their names with `.` written `_` (`orders_fifo`), so that dotted paths can reach them. */
export interface TraceObservation {
  /** False when the flow was still busy after 20,000 steps (an endless retry loop). */
  settled: boolean;
  /** Entries the engine refused (`{ errorCode, errorMessage }`), e.g. an unknown bus. */
  rejected: { errorCode: string; errorMessage: string }[];
  /** Every invocation of a learner's function, in order. */
  invocations: TracedInvocation[];
  /** Per function: `invocations`, `successes`, `failures`, `throttles`. */
  functions: Record<string, { invocations: number; successes: number; failures: number; throttles: number }>;
  /** Per queue at the end: `depth` (every stored message), `visible`, `inFlight`, `messages` (bodies, parsed when JSON). */
  queues: Record<string, { depth: number; visible: number; inFlight: number; messages: unknown[] }>;
  /** Per dead-letter queue (of a redrive policy, a rule target, or a function): the messages in it. */
  dlq: Record<string, unknown[]>;
  /** Per queue, topic and function: how many times something was delivered into it (sends, publications, invocations; duplicates included). */
  deliveries: Record<string, number>;
  /** Every hop as `"<kind> <resource>"` (`function.failed function:charge`), in order. */
  hops: string[];
  /** Resources of failed hops (`function:charge`, `rule:default/placed`), first failure first, no repeats. */
  failures: string[];
  /** Hops caused by injected faults, as `"<fault> <kind> <resource>"`. */
  faults: string[];
}

const key = (name: string) => name.replace(/\./g, '_');
const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ name: "text" | 5 }` or full `{ DataType, StringValue }` attributes, as SQS and SNS take them. */
function attributesOf(raw: unknown): Record<string, MessageAttributeValue> | undefined {
  if (!isObj(raw)) return undefined;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, isObj(v) ? (v as unknown as MessageAttributeValue) : { DataType: typeof v === 'number' ? 'Number' : 'String', StringValue: String(v) }]));
}

/** Queue names that hold dead letters: redrive targets, rule target DLQs, function DLQs and on-failure queues. */
function deadLetterQueues(arch: EventArchitecture): Set<string> {
  const arns = [
    ...arch.queues.map((q) => q.attributes.redrivePolicy?.deadLetterTargetArn),
    ...arch.rules.flatMap((r) => r.targets.map((t) => t.deadLetterArn)),
    ...Object.values(arch.asyncConfigs).flatMap((c) => [c.deadLetterArn, c.onFailureArn]),
  ];
  return new Set(arns.map((a) => (a ? parseArn(a) : undefined)).filter((a) => a?.kind === 'queue').map((a) => a!.name));
}

/** Puts one `events` item: `{ queue, body }`, `{ topic, message }`, or a PutEvents entry / EventBridge event. */
function putItem(engine: EventEngine, item: unknown, rejected: TraceObservation['rejected']): void {
  if (!isObj(item)) throw new ObserverFailure('The check has an event that is not a mapping.', 'bad events item');
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? {}));
  if (typeof item.queue === 'string') {
    engine.sendMessage(item.queue, { body: text(item.body), attributes: attributesOf(item.attributes), ...(typeof item.groupId === 'string' ? { groupId: item.groupId } : {}), ...(typeof item.dedupId === 'string' ? { dedupId: item.dedupId } : {}) });
    return;
  }
  if (typeof item.topic === 'string') {
    engine.publish(item.topic, { message: text(item.message), attributes: attributesOf(item.attributes), ...(typeof item.subject === 'string' ? { subject: item.subject } : {}) });
    return;
  }
  const entry = {
    Source: (item.Source ?? item.source) as string | undefined,
    DetailType: (item.DetailType ?? item['detail-type']) as string | undefined,
    Detail: text(item.Detail ?? item.detail),
    ...(typeof (item.EventBusName ?? item.bus) === 'string' ? { EventBusName: (item.EventBusName ?? item.bus) as string } : {}),
  };
  const result = engine.putEvents([entry]).entries[0];
  if (result && 'ErrorCode' in result) rejected.push({ errorCode: String(result.ErrorCode), errorMessage: String(result.ErrorMessage) });
}

/** Summarises the engine after the flow settled. */
function observe(engine: EventEngine, arch: EventArchitecture, invocations: TracedInvocation[], settled: boolean, rejected: TraceObservation['rejected']): TraceObservation {
  const events: TraceEvent[] = engine.trace.history();
  const functions: TraceObservation['functions'] = {};
  for (const name of arch.functions) functions[key(name)] = { invocations: 0, successes: 0, failures: 0, throttles: 0 };
  const deliveries: Record<string, number> = {};
  const bump = (name: string) => (deliveries[key(name)] = (deliveries[key(name)] ?? 0) + 1);
  const failures: string[] = [];
  for (const e of events) {
    const [kind, name = ''] = e.resource.split(/:(.*)/s);
    const fn = kind === 'function' ? (functions[key(name)] ??= { invocations: 0, successes: 0, failures: 0, throttles: 0 }) : undefined;
    if (e.kind === 'function.invoked' && fn) {
      fn.invocations++;
      bump(name);
    }
    if (e.kind === 'function.succeeded' && fn) fn.successes++;
    if (e.kind === 'function.failed' && fn) fn.failures++;
    if (e.kind === 'function.throttled' && fn) fn.throttles++;
    if (e.kind === 'queue.sent' || e.kind === 'topic.published') bump(name);
    if (/failed|dlq\.sent|redriven|expired|dropped|^error$/.test(e.kind) && !failures.includes(e.resource)) failures.push(e.resource);
  }
  const dlqNames = deadLetterQueues(arch);
  const queues: TraceObservation['queues'] = {};
  const dlq: TraceObservation['dlq'] = {};
  for (const q of engine.queues.values()) {
    const counts = q.counts();
    const messages = q.stored().map((m) => parseBody(m.body));
    queues[key(q.name)] = { depth: messages.length, visible: counts.visible, inFlight: counts.inFlight, messages };
    if (dlqNames.has(q.name)) dlq[key(q.name)] = messages;
  }
  return {
    settled, rejected, invocations, functions, queues, dlq, deliveries,
    hops: events.map((e) => `${e.kind} ${e.resource}`),
    failures,
    faults: events.filter((e) => e.fault).map((e) => `${e.fault} ${e.kind} ${e.resource}`),
  };
}

/** Reads the template a check names; template problems fail the check with `file:line:col: message`. */
async function loadTemplate(check: CheckSpec, handlerFile: string): Promise<{ file: string; text: string; arch: EventArchitecture }> {
  const file = path.resolve(path.dirname(handlerFile), check.template ?? 'template.yaml');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) throw new ObserverFailure(`${path.basename(file)} was not found next to ${path.basename(handlerFile)}: start the exercise again to get it.`, 'template missing');
  const { architecture, diagnostics } = readEventArchitecture(text, file);
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.basename(file)}:${d.start.line + 1}:${d.start.character + 1}: ${d.message}`);
  if (errors.length) throw new ObserverFailure(`The template has problems: ${errors.join('; ')}`, `template: ${errors[0]}`);
  return { file, text, arch: architecture };
}

/** Observes one event flow through the exercise's architecture. */
export const traceObserver: Observer = {
  key: 'trace',
  async observe({ check, handlerFile, runtime, storeDir }): Promise<TraceObservation> {
    const { file, text, arch } = await loadTemplate(check, handlerFile);
    const traced = await traceRuntime(runtime, text, file, { EXERCISE_STORE_DIR: storeDir });
    const engine = new EventEngine({ runtime: traced.runtime, clock: new ManualClock(), random: seededRandom(1), knownFunctions: traced.functions.map((f) => f.name) });
    try {
      applyArchitecture(engine, arch);
      if (check.faults) engine.setFaults({ functions: {}, queues: {}, ...(check.faults as Partial<FaultSettings>) });
      // Every event is in before the pollers start, so queue consumers see them together in one batch (as after a burst).
      const rejected: TraceObservation['rejected'] = [];
      for (const item of check.events ?? []) putItem(engine, item, rejected);
      engine.start();
      const settled = await engine.settle(20_000);
      return observe(engine, arch, traced.invocations, settled, rejected);
    } catch (err) {
      if (err instanceof ObserverFailure) throw err;
      throw new ObserverFailure(`The event flow could not run: ${(err as Error).message}`, `engine: ${(err as Error).message}`);
    } finally {
      engine.stop();
    }
  },
};
