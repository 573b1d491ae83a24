// Runs ```run blocks and observes ```predict subjects. Invocations go through the injected
// FunctionRuntime (source 'lesson-run'), like every other feature; matching uses the event
// engine's pattern matcher and costs use the cost model, so a lesson shows what the tools show.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { estimateCost } from '../../cost';
import { compilePattern } from '../../eventing/patterns';
import { readPath } from '../../exercises/assertions';
import { observeCall } from '../../exercises/observers';
import type { FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from '../../runtime/types';
import type { PredictBlock } from './predict';
import type { RunBlock, RunMode } from './run';
import type { InvokeTarget } from './target';

/** What executing a block needs: the runtime and the absolute path of the lesson file (paths are relative to it). */
export interface BlockContext {
  runtime: FunctionRuntime;
  lessonFile: string;
  /** Waits between a predict subject's calls (injected so unit tests need not sleep). */
  sleep?: (ms: number) => Promise<void>;
}

/** The outcome of a Run button: the measured record, and whether a priming call came first (Run warm). */
export interface RunOutcome {
  record: RuntimeRecord;
  primed: boolean;
}

/** What a predict subject produced: the observation, the value at `observe`, and any invocation records. */
export interface PredictObservation {
  observation: Record<string, unknown>;
  observed: unknown;
  records: RuntimeRecord[];
}

/** Reads a target's event: the inline one, the event file (JSON, relative to the lesson), or `{}`. */
export async function targetEvent(target: InvokeTarget, lessonFile: string): Promise<unknown> {
  if (target.eventFile === undefined) return target.event ?? {};
  const file = path.resolve(path.dirname(lessonFile), target.eventFile);
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new Error(`event file "${target.eventFile}" not found next to the lesson`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`event file "${target.eventFile}" is not valid JSON: ${(e as Error).message}`);
  }
}

function invokeOptions(target: InvokeTarget, forceCold: boolean): HeadlessInvokeOptions {
  return {
    source: 'lesson-run',
    ...(forceCold ? { forceCold: true } : {}),
    ...(target.handlerName ? { handlerName: target.handlerName } : {}),
    ...(target.memoryMb ? { memoryMb: target.memoryMb } : {}),
    ...(target.timeoutSeconds ? { timeoutSec: target.timeoutSeconds } : {}),
  };
}

/** Absolute path of a target's handler file. */
export function handlerPath(target: InvokeTarget, lessonFile: string): string {
  return path.resolve(path.dirname(lessonFile), target.handler);
}

/**
 * Runs a block in one mode. `warm` makes a priming call when the first one turns out cold, so the
 * call shown is the warm one (as on Lambda, a warm start needs an earlier call to leave a sandbox).
 */
export async function executeRun(block: RunBlock, mode: RunMode, ctx: BlockContext): Promise<RunOutcome> {
  const event = await targetEvent(block, ctx.lessonFile);
  const file = handlerPath(block, ctx.lessonFile);
  const first = await ctx.runtime.invoke(file, event, invokeOptions(block, mode === 'cold'));
  if (mode !== 'warm' || !first.cold || first.error) return { record: first, primed: false };
  return { record: await ctx.runtime.invoke(file, event, invokeOptions(block, false)), primed: true };
}

/** Runs a predict block's subject and reads the observed value at its `observe` path. */
export async function observePredict(block: PredictBlock, ctx: BlockContext): Promise<PredictObservation> {
  const subject = block.subject;
  const records: RuntimeRecord[] = [];
  let observation: Record<string, unknown>;
  if (subject.kind === 'invoke') {
    const event = await targetEvent(subject, ctx.lessonFile);
    const file = handlerPath(subject, ctx.lessonFile);
    const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (const [i, call] of subject.calls.entries()) {
      if (call.delayMs) await sleep(call.delayMs);
      const cold = call.cold ?? i === 0;
      records.push(await ctx.runtime.invoke(file, call.event ?? event, invokeOptions(subject, cold)));
    }
    observation = { calls: records.map(observeCall) };
  } else if (subject.kind === 'match') {
    const compiled = compilePattern(subject.pattern);
    observation = { matched: compiled.matches(subject.event) };
  } else {
    const bill = estimateCost({
      provider: subject.provider,
      invocations: subject.requestsPerMonth,
      durationMs: subject.durationMs,
      memoryMb: subject.memoryMb,
      ...(subject.architecture ? { arch: subject.architecture } : {}),
      ...(subject.plan ? { plan: subject.plan } : {}),
    });
    observation = { monthlyUsd: Math.round(bill.total * 100) / 100, bill };
  }
  return { observation, observed: readPath(observation, block.observe), records };
}
