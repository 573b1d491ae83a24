// `lessons check --exercises` also executes every ```run block once and every ```predict
// subject once, so a block whose handler crashes on load, or whose observed value matches none
// of its choices, fails CI instead of a learner.
import type { FunctionRuntime } from '../../runtime/types';
import { show } from '../../exercises/assertions';
import { executeRun, observePredict } from './execute';
import { sameValue, type PredictBlock } from './predict';
import type { RunBlock } from './run';

/** A run or predict block found by checkLessons, with the absolute path of its lesson file. */
export type LessonBlock = { lessonId: string; lessonFile: string; line: number } & ({ kind: 'run'; block: RunBlock } | { kind: 'predict'; block: PredictBlock });

/** The result of executing one block. */
export interface BlockVerification {
  kind: 'run' | 'predict';
  ok: boolean;
  /** `ok   lesson/run:id: …` or `FAIL lesson/predict:id: …`. */
  line: string;
}

/** Executes each block once, one after the other, through `runtime`. */
export async function verifyBlocks(blocks: readonly LessonBlock[], runtime: FunctionRuntime): Promise<BlockVerification[]> {
  const out: BlockVerification[] = [];
  for (const b of blocks) out.push(await verifyBlock(b, runtime));
  return out;
}

async function verifyBlock(b: LessonBlock, runtime: FunctionRuntime): Promise<BlockVerification> {
  const name = `${b.lessonId}/${b.kind}:${b.block.id}`;
  const fail = (why: string): BlockVerification => ({ kind: b.kind, ok: false, line: `FAIL ${name}: ${why}` });
  try {
    if (b.kind === 'run') {
      const { record } = await executeRun(b.block, b.block.modes[0], { runtime, lessonFile: b.lessonFile });
      const report = `${record.report.durationMs.toFixed(1)} ms, ${record.report.maxMemoryUsedMb} MB`;
      // A run block may fail on purpose (the limits lesson hits the timeout); only an error the handler cannot even load with is a broken block.
      if (record.error && /^Runtime\.(ImportModuleError|HandlerNotFound|UserCodeSyntaxError|InvalidEntrypoint)/.test(record.error.errorType)) return fail(`${record.error.errorType}: ${record.error.errorMessage}`);
      return { kind: 'run', ok: true, line: `ok   ${name}: ${record.error ? record.error.errorType : 'returned'} (${report})` };
    }
    const { observed } = await observePredict(b.block, { runtime, lessonFile: b.lessonFile });
    const answer = b.block.answer;
    if (answer.kind === 'choices') {
      const i = answer.choices.findIndex((c) => sameValue(c.value, observed));
      if (i < 0) return fail(`observed ${b.block.observe} = ${show(observed)}, which is the value of no choice (${answer.choices.map((c) => show(c.value)).join(', ')})`);
      return { kind: 'predict', ok: true, line: `ok   ${name}: ${b.block.observe} = ${show(observed)} ("${answer.choices[i].text}")` };
    }
    if (typeof observed !== 'number') return fail(`observed ${b.block.observe} = ${show(observed)}, not a number for the range answer`);
    return { kind: 'predict', ok: true, line: `ok   ${name}: ${b.block.observe} = ${show(observed)}` };
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** The second summary line, after `exercises: …`. */
export function blocksSummaryLine(results: readonly BlockVerification[]): string {
  return `blocks: ${results.filter((r) => r.kind === 'run').length} run, ${results.filter((r) => r.kind === 'predict').length} predict, ${results.filter((r) => r.ok).length} ok`;
}
