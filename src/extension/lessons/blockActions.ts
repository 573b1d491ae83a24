// The ```run and ```predict blocks and the tool links of the lesson page. Loaded lazily (listed in
// scripts/lazyModules.mjs): nothing here runs until a learner presses a block's button.
// Invocations go through the one runtime service (source 'lesson-run'), so they also appear in the
// invocation panel's history, which "Open in invocation panel" shows. Being a separate bundle, it
// gets shared state (logger, services) from its caller and keeps none of its own beyond the instance.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { executeRun, gradeGuess, lessonDone, markCompleted, observePredict, parseToolLink, quizKey, recordPrediction, recordRun, type PredictBlock, type Progress, type RunBlock, type RunMode } from '../../core/lessons';
import { explainColdWarm, type PreviousRun } from '../../core/run/prediction';
import type { FunctionRuntime, RuntimeRecord } from '../../core/runtime/types';
import type { PredictFeedbackView, PredictGuessView, PredictResult, RunBlockResultView } from '../../shared/lessonProtocol';
import type { Logger } from '../log';
import { completionIds } from './completion';
import type { LessonLibrary, LoadedLesson } from './lessonLibrary';
import type { ProgressStore } from './progressStore';

/** Runs ```run and ```predict blocks and tool links for the lesson panel. */
export class LessonBlockActions {
  /** When each handler file last finished a lesson run, to explain cold and warm. */
  private readonly lastFinished = new Map<string, PreviousRun>();

  constructor(
    private readonly library: LessonLibrary,
    private readonly progress: ProgressStore,
    private readonly runtime: () => Promise<FunctionRuntime>,
    /** Passed in: this lazy bundle has its own copy of module state, so it must not create loggers itself. */
    private readonly log: Logger,
  ) {}

  /** Absolute path of a loaded lesson's file. */
  lessonFile(loaded: LoadedLesson): string {
    return path.join(this.library.dir, path.relative('lessons', loaded.source?.file ?? ''));
  }

  /** Presses a Run button: invokes, counts the run, and returns what the page shows inline. */
  async run(loaded: LoadedLesson, runId: string, mode: RunMode): Promise<RunBlockResultView> {
    const block = blocksOf<RunBlock>(loaded, 'run').find((b) => b.id === runId);
    if (!block || !loaded.source) throw new Error(`Run block "${runId}" is not in this lesson any more; reopen the lesson.`);
    if (!block.modes.includes(mode)) throw new Error(`This block has no "${mode}" button.`);
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `$(play) Running ${block.id}…` }, async () =>
      executeRun(block, mode, { runtime: await this.runtime(), lessonFile: this.lessonFile(loaded) }),
    );
    await this.progress.update((p) => recordRun(p, loaded.id, block.id));
    const record = outcome.record;
    return {
      runId,
      output: record.error ? JSON.stringify(record.error, null, 2) : JSON.stringify(record.response ?? null, null, 2) ?? 'undefined',
      failed: Boolean(record.error),
      cold: record.cold,
      reportLine: reportOf(record),
      explanation: this.explain(record, mode === 'cold'),
      primed: outcome.primed,
    };
  }

  /** Records a guess, runs the subject, grades the guess and updates completion. */
  async predict(loaded: LoadedLesson, predictId: string, guess: PredictGuessView): Promise<PredictResult> {
    const block = blocksOf<PredictBlock>(loaded, 'predict').find((b) => b.id === predictId);
    if (!block || !loaded.source) throw new Error(`Predict block "${predictId}" is not in this lesson any more; reopen the lesson.`);
    if ('choice' in guess && (block.answer.kind !== 'choices' || guess.choice >= block.answer.choices.length)) throw new Error('Pick one of the options first.');
    if ('value' in guess && block.answer.kind !== 'range') throw new Error('Pick one of the options first.');
    const seen = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `$(play) Running ${block.id}…` }, async () =>
      observePredict(block, { runtime: await this.runtime(), lessonFile: this.lessonFile(loaded) }),
    );
    const grade = gradeGuess(block, guess, seen.observed);
    const wasCompleted = this.progress.get().completed.includes(loaded.id);
    const after = await this.progress.update((p) => {
      const next = recordPrediction(p, loaded.id, block.id, { guess, correct: grade.correct, observed: jsonSafe(seen.observed) });
      return lessonDone(next, loaded.id, ...completionIds(loaded)) ? markCompleted(next, loaded.id) : next;
    });
    return { feedback: await this.feedback(block, guess, seen.observed, seen.records.map(reportOf)), lessonCompleted: !wasCompleted && after.completed.includes(loaded.id) };
  }

  /** Feedback for predictions made earlier (graded again from the stored observation). */
  async answered(loaded: LoadedLesson, p: Progress): Promise<PredictFeedbackView[]> {
    const out: PredictFeedbackView[] = [];
    for (const block of blocksOf<PredictBlock>(loaded, 'predict')) {
      const stored = p.predictions?.[quizKey(loaded.id, block.id)];
      if (stored) out.push(await this.feedback(block, stored.guess, stored.observed, []));
    }
    return out;
  }

  private async feedback(block: PredictBlock, guess: PredictGuessView, observed: unknown, reportLines: string[]): Promise<PredictFeedbackView> {
    const grade = gradeGuess(block, guess, observed);
    const renderer = await this.library.renderer();
    const texts = [grade.choiceExplanation, block.explanation].filter((t): t is string => Boolean(t));
    return {
      predictId: block.id,
      guess,
      correct: grade.correct,
      observedText: typeof observed === 'number' ? String(Math.round(observed * 10000) / 10000) : JSON.stringify(observed) ?? 'nothing',
      ...(grade.correctChoice !== undefined ? { correctChoice: grade.correctChoice } : {}),
      explanationHtml: texts.map((t) => renderer.renderInline(t)).join(' '),
      reportLines,
    };
  }

  private explain(record: RuntimeRecord, forcedCold: boolean): string {
    const key = record.function?.handlerFile ?? record.functionName;
    const previous = this.lastFinished.get(key);
    this.lastFinished.set(key, { finishedAt: Date.now(), sandboxId: record.sandboxId });
    return explainColdWarm(record, previous, record.function?.keepAliveSec ?? 600, forcedCold);
  }

  /** Runs a clicked `command:` link: allowlisted only, arguments checked and paths resolved against the lesson, files changed only after asking. */
  async toolLink(loaded: LoadedLesson | undefined, href: string): Promise<void> {
    const { link, problem } = parseToolLink(href);
    if (!link) {
      this.log.warn(`refused a lesson link: ${problem}`);
      void vscode.window.showWarningMessage(`Serverless Lab: this lesson link cannot run: ${problem}`);
      return;
    }
    const known = await vscode.commands.getCommands(true);
    if (!known.includes(link.command)) {
      void vscode.window.showInformationMessage(`Serverless Lab: "${link.command}" is not available in this version of the extension yet, so the link does nothing. The lesson text still applies.`);
      return;
    }
    if (link.spec.changesFiles) {
      const yes = 'Continue';
      const pick = await vscode.window.showWarningMessage(`This lesson link runs "${link.command}", which creates or changes files in your workspace. Continue?`, { modal: true }, yes);
      if (pick !== yes) return;
    }
    const base = path.dirname(loaded ? this.lessonFile(loaded) : this.library.dir);
    await vscode.commands.executeCommand(link.command, ...commandArgs(link.command, link.arg, base));
  }

  /** The lesson's theme-aware SVGs (inlined by the page after sanitising), keyed by their path relative to the lesson. */
  async svgs(loaded: LoadedLesson): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const dir = path.dirname(this.lessonFile(loaded));
    for (const rel of new Set([...loaded.rendered.html.matchAll(/data-lesson-src="([^"]+\.svg)"/g)].map((m) => m[1]))) {
      const file = path.resolve(dir, decodeEntities(rel));
      if (!file.startsWith(this.library.dir + path.sep)) continue; // never read outside the lessons folder
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined && text.length < 512 * 1024) out[decodeEntities(rel)] = text;
    }
    return out;
  }
}

/** Blocks of one kind in a loaded lesson, in page order. */
export function blocksOf<T>(loaded: LoadedLesson, kind: 'run' | 'predict'): T[] {
  return loaded.rendered.directives.filter((d) => d.kind === kind).map((d) => d.value as T);
}

/** Turns a link's one JSON argument into the command's own arguments (Uris for files, positional where the command wants them). */
function commandArgs(command: string, arg: unknown, base: string): unknown[] {
  if (arg === undefined) return [];
  const a = arg as Record<string, unknown>;
  const file = typeof a.file === 'string' ? vscode.Uri.file(path.resolve(base, a.file)) : undefined;
  const handlerName = typeof a.handlerName === 'string' ? a.handlerName : file?.fsPath.endsWith('.py') ? 'lambda_handler' : 'handler';
  switch (command) {
    case 'serverlessLab.invokeHandler':
      return [file, handlerName, { mode: a.mode ?? 'invoke', ...(a.event !== undefined ? { event: a.event } : {}) }];
    case 'serverlessLab.runLoad':
      return [file, handlerName, ...(a.plan !== undefined ? [a.plan] : [])];
    case 'serverlessLab.openSample':
      return [file, typeof a.handlerName === 'string' ? a.handlerName : undefined];
    case 'serverlessLab.exerciseAction':
      return arg as unknown[];
    default:
      return [arg];
  }
}

function reportOf(record: RuntimeRecord): string {
  return [...record.logs].reverse().find((l) => l.startsWith('REPORT ')) ?? '';
}

function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown;
  } catch {
    return null;
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);
}

/** `serverlessLab.openSample`: opens a file (from a lesson link) at the line that defines its handler. */
export async function openSample(uri: vscode.Uri | undefined, handlerName?: string): Promise<void> {
  if (!(uri instanceof vscode.Uri)) throw new Error('Open Sample needs a file: use it from a lesson link such as command:serverlessLab.openSample?{"file":"exercises/heavy-init/solution/handler.js"}.');
  const doc = await vscode.workspace.openTextDocument(uri);
  const name = handlerName ?? (uri.fsPath.endsWith('.py') ? 'lambda_handler' : 'handler');
  const pattern = new RegExp(`(def\\s+${name}\\b|function\\s+${name}\\b|\\b${name}\\s*[=:(]|exports\\.${name}\\b)`);
  const line = Math.max(0, doc.getText().split(/\r?\n/).findIndex((l) => pattern.test(l)));
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), preview: true });
}
