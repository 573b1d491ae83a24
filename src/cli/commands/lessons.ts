import type { Command } from 'commander';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { summaryLine, verifyExercises } from '../../core/exercises/verify';
import { blocksSummaryLine, checkLessons, formatProblem, verifyBlocks } from '../../core/lessons';
import { createRuntime } from '../../core/runtime';

/** Registers `serverless-lab lessons check [dir]`. */
export function registerLessonsCommand(program: Command): void {
  const lessons = program.command('lessons').description('work with lesson files');
  lessons
    .command('check')
    .description('validate every lesson (front matter, directives, exercise files, links, ids, prerequisites); prints file:line: message per problem')
    .argument('[dir]', 'folder holding the lesson .md files', 'lessons')
    .option('--exercises <dir>', 'also run every exercise in the lessons of <dir> both ways (the solution must pass, the starter must fail its intended check), and every run block and predict subject once')
    .action(async (argDir: string, options: { exercises?: string }) => {
      const dir = options.exercises ?? argDir;
      const stat = await fs.stat(dir).catch(() => undefined);
      if (!stat?.isDirectory()) {
        process.stderr.write(`serverless-lab: lessons folder "${dir}" not found (run from the repo root or pass the folder: lessons check <dir>)\n`);
        process.exitCode = 2;
        return;
      }
      const result = await checkLessons(path.resolve(dir), dir);
      for (const p of result.problems) process.stdout.write(`${formatProblem(p)}\n`);
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      const warnings = result.problems.length - errors;
      const summary = `${result.lessonCount} lesson${result.lessonCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
      if (errors) {
        process.stderr.write(`${summary}\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`${summary}\n`);
      }
      if (options.exercises === undefined) return;
      // One runtime per working copy: each exercise runs in its own temp folder, and sandboxes stop after it.
      const results = await verifyExercises(result.exercises, (folder) => {
        const runtime = createRuntime({ folders: [folder] });
        return { runtime, dispose: () => runtime.invoker.dispose() };
      });
      for (const r of results) process.stdout.write(`${r.line}\n`);
      // Run and predict blocks once each, in one runtime (their handlers are the lessons' own files).
      const runtime = createRuntime({ folders: [path.resolve(dir)] });
      const blocks = await verifyBlocks(result.blocks, runtime).finally(() => runtime.invoker.dispose());
      for (const b of blocks) process.stdout.write(`${b.line}\n`);
      process.stdout.write(`${summaryLine(results)}\n`);
      process.stdout.write(`${blocksSummaryLine(blocks)}\n`);
      if (results.some((r) => !r.solutionPasses || !r.starterFailsAsIntended) || blocks.some((b) => !b.ok)) process.exitCode = 1;
    });
}
