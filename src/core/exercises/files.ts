// Exercise files on disk: loading a declared exercise (paths relative to its lesson) and copying
// starter or solution files without ever overwriting silently.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseChecksFile } from './parse';
import type { CheckSpec, ExerciseSpec } from './types';

/** An exercise with its folders resolved and its checks read. */
export interface LoadedExercise {
  spec: ExerciseSpec;
  starterDir: string;
  solutionDir: string;
  checksFile: string;
  checks: CheckSpec[];
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Resolves an exercise's folders against its lesson file and reads its checks. Returns the
 * problems an author must fix (missing folder, missing handler, unknown starterFails) instead of throwing.
 */
export async function loadExercise(lessonFile: string, spec: ExerciseSpec): Promise<{ exercise?: LoadedExercise; problems: string[] }> {
  const base = path.dirname(lessonFile);
  const starterDir = path.resolve(base, spec.starter);
  const solutionDir = path.resolve(base, spec.solution);
  const checksFile = path.resolve(base, spec.checks);
  const problems: string[] = [];
  for (const [key, dir] of [['starter', starterDir], ['solution', solutionDir]] as const) {
    if (!(await isDir(dir))) problems.push(`exercise "${spec.id}": ${key} folder "${spec[key]}" not found next to the lesson`);
    else if (!(await fs.stat(path.join(dir, spec.handler)).catch(() => undefined))) problems.push(`exercise "${spec.id}": ${key} folder "${spec[key]}" has no handler file "${spec.handler}"`);
  }
  const text = await fs.readFile(checksFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { problems: [...problems, `exercise "${spec.id}": checks file "${spec.checks}" not found next to the lesson`] };
  const parsed = parseChecksFile(text);
  problems.push(...parsed.problems.map((p) => `exercise "${spec.id}": ${spec.checks}:${p.line}: ${p.message}`));
  const checks = parsed.value?.checks ?? [];
  if (parsed.value && !checks.some((c) => c.name === spec.starterFails)) problems.push(`exercise "${spec.id}": starterFails "${spec.starterFails}" is not a check in ${spec.checks} (checks: ${checks.map((c) => c.name).join(', ')})`);
  if (problems.length) return { problems };
  return { exercise: { spec, starterDir, solutionDir, checksFile, checks }, problems };
}

/**
 * Copies every file of `fromDir` into `toDir`. For a file that exists already, `confirmOverwrite`
 * decides (default: keep the learner's file). Returns the relative paths written and skipped.
 */
export async function copyExerciseFiles(
  fromDir: string,
  toDir: string,
  confirmOverwrite: (relativePath: string) => Promise<boolean> = async () => false,
): Promise<{ written: string[]; kept: string[] }> {
  const written: string[] = [];
  const kept: string[] = [];
  for (const rel of await listFiles(fromDir)) {
    const target = path.join(toDir, rel);
    const exists = Boolean(await fs.stat(target).catch(() => undefined));
    if (exists && !(await confirmOverwrite(rel))) {
      kept.push(rel);
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(fromDir, rel), target);
    written.push(rel);
  }
  return { written, kept };
}
