// `lessons check --exercises`: every exercise both ways. The solution must pass every check; the
// starter must fail, and its first failure must be the check the author named in starterFails.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FunctionRuntime } from '../runtime/types';
import { copyExerciseFiles, type LoadedExercise } from './files';
import { runChecks } from './runChecks';

/** The result of verifying one exercise. */
export interface ExerciseVerification {
  id: string;
  lessonId: string;
  solutionPasses: boolean;
  starterFailsAsIntended: boolean;
  /** One line for the report: `ok  lesson/exercise` or what went wrong. */
  line: string;
}

/** A runtime for one working folder, disposed after the exercise. */
export type RuntimeFactory = (folder: string) => { runtime: FunctionRuntime; dispose(): Promise<void> };

/** Copies `fromDir` into a fresh temp folder, runs the checks there, removes it. */
async function runIn(fromDir: string, exercise: LoadedExercise, makeRuntime: RuntimeFactory): Promise<Awaited<ReturnType<typeof runChecks>>> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-exercise-'));
  const { runtime, dispose } = makeRuntime(work);
  try {
    await copyExerciseFiles(fromDir, work);
    const handlerFile = path.join(work, exercise.spec.handler);
    return await runChecks(exercise.checks, { runtime, handlerFile, ...(exercise.spec.handlerName ? { handlerName: exercise.spec.handlerName } : {}), stopAtFirstFailure: true });
  } finally {
    await dispose();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Verifies one exercise both ways. */
export async function verifyExercise(lessonId: string, exercise: LoadedExercise, makeRuntime: RuntimeFactory): Promise<ExerciseVerification> {
  const id = exercise.spec.id;
  const solution = await runIn(exercise.solutionDir, exercise, makeRuntime);
  const starter = await runIn(exercise.starterDir, exercise, makeRuntime);
  const solutionPasses = solution.passed;
  const starterFailsAsIntended = starter.firstFailure?.name === exercise.spec.starterFails;
  const problems: string[] = [];
  if (!solutionPasses) problems.push(`solution fails "${solution.firstFailure?.name}" (${solution.firstFailure?.detail})`);
  if (!starterFailsAsIntended) {
    problems.push(starter.passed ? `starter passes every check; it should fail "${exercise.spec.starterFails}"` : `starter fails "${starter.firstFailure?.name}" first, not "${exercise.spec.starterFails}" (${starter.firstFailure?.detail})`);
  }
  const line = problems.length ? `FAIL ${lessonId}/${id}: ${problems.join('; ')}` : `ok   ${lessonId}/${id}: solution passes ${exercise.checks.length} checks; starter fails "${exercise.spec.starterFails}": ${starter.firstFailure?.message}`;
  return { id, lessonId, solutionPasses, starterFailsAsIntended, line };
}

/** Verifies exercises one after the other (they share the machine's CPU with everything else). */
export async function verifyExercises(items: ReadonlyArray<{ lessonId: string; exercise: LoadedExercise }>, makeRuntime: RuntimeFactory): Promise<ExerciseVerification[]> {
  const out: ExerciseVerification[] = [];
  for (const { lessonId, exercise } of items) out.push(await verifyExercise(lessonId, exercise, makeRuntime));
  return out;
}

/** The summary line, exactly as CI greps it. */
export function summaryLine(results: readonly ExerciseVerification[]): string {
  return `exercises: ${results.length} total, ${results.filter((r) => r.solutionPasses).length} solutions pass, ${results.filter((r) => r.starterFailsAsIntended).length} starters fail as intended`;
}
