import * as path from 'node:path';
import * as vscode from 'vscode';
import { gradeQuiz, lessonDone, markCompleted, quizKey, recordQuizAnswer, setCurrentLesson, type Progress, type Quiz } from '../../core/lessons';
import { LESSON_VIEW_TYPE, LESSON_WEBVIEW_SCHEMA, type ExerciseAction, type ExerciseResult, type LessonHostMessage, type LessonView, type LessonWebviewMessage, type PredictGuessView, type PredictResult, type QuizFeedbackView, type QuizResult, type RunBlockMode, type RunBlockResultView } from '../../shared/lessonProtocol';
import { answerRequest, parseMessage } from '../../shared/webviewMessaging';
import { CommandIds } from '../commandIds';
import { SettingKeys, type Config } from '../config';
import { setContext } from '../contextKeys';
import { getLogger } from '../log';
import type { LessonLibrary, LoadedLesson } from './lessonLibrary';
import { ExerciseActions, exercisesOf } from './exerciseActions';
import type { LessonBlockActions } from './blockActions';
import { completionIds } from './completion';
import { lessonHtml } from './lessonHtml';
import type { ProgressStore } from './progressStore';
import { courseOrder, positionOf } from './sequence';

const log = getLogger('lessonPanel');

/** The single lesson panel: creates, restores and feeds it, and answers its messages. */
export class LessonPanelManager implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private shown?: LoadedLesson;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: LessonLibrary,
    private readonly progress: ProgressStore,
    private readonly config: Config,
    private readonly exercises: ExerciseActions,
    /** Run/predict blocks and tool links: a lazy module, loaded on first use. */
    private readonly blocks: () => LessonBlockActions,
  ) {
    this.disposables.push(
      progress.onDidChange((p) => this.postCompletion(p)),
      library.onDidChange(() => void (this.shown && this.show(this.shown.id))),
      config.onDidChange(() => this.panel && this.resetHtml(this.panel)),
    );
  }

  /** Id of the lesson on screen, if the panel is open. */
  get currentLessonId(): string | undefined {
    return this.panel ? this.shown?.id : undefined;
  }

  /** Opens (or reuses) the panel and shows a lesson; false when the id is unknown. */
  async open(lessonId: string): Promise<boolean> {
    const loaded = await this.library.load(lessonId);
    if (!loaded) return false;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, 'Lesson', vscode.ViewColumn.Active, this.options());
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
    }
    await this.display(loaded);
    return true;
  }

  /** Adopts a panel VS Code restored after a reload (called by the serializer). */
  async restore(panel: vscode.WebviewPanel, lessonId: string | undefined): Promise<void> {
    if (this.panel) this.panel.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
    const fallback = (await courseOrder(this.library))[0]?.id;
    const loaded = (lessonId && (await this.library.load(lessonId))) || (fallback && (await this.library.load(fallback)));
    if (loaded) await this.display(loaded);
  }

  /** Re-shows the current lesson, if any (after a reload of the files). */
  async show(lessonId: string): Promise<void> {
    const loaded = await this.library.load(lessonId);
    if (loaded && this.panel) await this.display(loaded);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The lessons folder too: images stored beside a lesson load from it.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media'), vscode.Uri.file(this.library.dir)],
      enableFindWidget: true,
      // No command runs straight from a link: the page sends `command:` links to the host, which checks them
      // against the allowlist (src/core/lessons/toolLinks.ts), asks before changing files, and runs them.
      enableCommandUris: false,
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.resetHtml(panel);
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage<LessonWebviewMessage>(raw, LESSON_WEBVIEW_SCHEMA);
        if (message) void this.onMessage(message);
        else log.warn(`ignored a malformed message from the lesson page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.shown = undefined;
          void setContext('serverlessLab.lessonOpen', false);
        }
      }),
    ];
    void setContext('serverlessLab.lessonOpen', true);
  }

  private resetHtml(panel: vscode.WebviewPanel): void {
    this.ready = false;
    panel.webview.html = lessonHtml(panel.webview, this.extensionUri);
  }

  private async display(loaded: LoadedLesson): Promise<void> {
    this.shown = loaded;
    if (!this.panel) return;
    this.panel.title = loaded.source?.meta.title ?? 'Lesson (broken)';
    if (loaded.source) await this.progress.update((p) => setCurrentLesson(p, loaded.id));
    if (this.ready) await this.post({ type: 'showLesson', lesson: await this.view(loaded) });
  }

  private async view(loaded: LoadedLesson): Promise<LessonView> {
    const order = await courseOrder(this.library);
    const { index, previous, next } = positionOf(order, loaded.id);
    const p = this.progress.get();
    const meta = loaded.source?.meta;
    return {
      lessonId: loaded.id,
      title: meta?.title ?? `Broken lesson: ${loaded.id.slice(1)}`,
      track: meta?.track ?? '',
      summary: meta?.summary ?? '',
      objectives: meta?.objectives ?? [],
      estimatedMinutes: meta?.estimatedMinutes ?? 0,
      html: loaded.rendered.html,
      index: index + 1,
      total: order.length,
      completedCount: p.completed.length,
      completed: p.completed.includes(loaded.id),
      broken: !loaded.source,
      previous: previous && { lessonId: previous.id, title: previous.title },
      next: next && { lessonId: next.id, title: next.title },
      answered: await this.answered(loaded, p),
      fontSize: this.config.get<number>(SettingKeys.lessonFontSize, 14),
      exercises: await Promise.all(exercisesOf(loaded).map((spec) => this.exercises.state(loaded, spec))),
      predictions: hasBlock(loaded, 'predict') ? await this.blocks().answered(loaded, p) : [],
      assetBase: this.assetBase(loaded),
      svgs: loaded.source && loaded.rendered.html.includes('data-lesson-src=') ? await this.blocks().svgs(loaded) : {},
    };
  }

  /** Webview URI of the lesson's folder, with a trailing slash. */
  private assetBase(loaded: LoadedLesson): string {
    if (!this.panel || !loaded.source) return '';
    const dir = path.dirname(path.join(this.library.dir, path.relative('lessons', loaded.source.file)));
    return `${this.panel.webview.asWebviewUri(vscode.Uri.file(dir)).toString()}/`;
  }

  private async answered(loaded: LoadedLesson, p: Progress): Promise<QuizFeedbackView[]> {
    const out: QuizFeedbackView[] = [];
    for (const quiz of quizzesOf(loaded)) {
      const answer = p.quizAnswers[quizKey(loaded.id, quiz.id)];
      if (answer) out.push(await this.feedback(quiz, answer.selected));
    }
    return out;
  }

  private async feedback(quiz: Quiz, selected: number[]): Promise<QuizFeedbackView> {
    const renderer = await this.library.renderer();
    const grade = gradeQuiz(quiz, selected);
    return { quizId: quiz.id, correct: grade.correct, options: grade.options.map((o) => ({ index: o.index, selected: o.selected, correct: o.correct, explanationHtml: renderer.renderInline(o.explanation) })) };
  }

  private async onMessage(m: LessonWebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          if (this.shown) await this.post({ type: 'showLesson', lesson: await this.view(this.shown) });
          return;
        case 'answerQuiz':
          await answerRequest(m.requestId, () => this.answerQuiz(m.lessonId, m.quizId, m.selected), (reply) => this.post(reply));
          return;
        case 'navigate':
          // Through the commands, so walkthrough steps that listen for them complete.
          await vscode.commands.executeCommand(m.direction === 'next' ? CommandIds.nextLesson : CommandIds.previousLesson);
          return;
        case 'markComplete':
          await this.progress.update((p) => markCompleted(p, m.lessonId));
          return;
        case 'exercise':
          await answerRequest(m.requestId, () => this.exercise(m.lessonId, m.exerciseId, m.action), (reply) => this.post(reply));
          return;
        case 'runBlock':
          await answerRequest(m.requestId, () => this.runBlock(m.lessonId, m.runId, m.mode), (reply) => this.post(reply));
          return;
        case 'predict':
          await answerRequest(m.requestId, () => this.predict(m.lessonId, m.predictId, m.guess), (reply) => this.post(reply));
          return;
        case 'toolLink':
          await this.blocks().toolLink(this.shown, m.href);
          return;
        default: {
          const unknown: never = m;
          log.warn(`unknown message from lesson page: ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      log.error(`handling ${m.type} failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  private async exercise(lessonId: string, exerciseId: string, action: ExerciseAction): Promise<ExerciseResult> {
    const loaded = this.shown?.id === lessonId ? this.shown : await this.library.load(lessonId);
    if (!loaded) throw new Error(`Lesson "${lessonId}" is not available any more.`);
    return this.exercises.act(loaded, exerciseId, action);
  }

  private async lesson(lessonId: string): Promise<LoadedLesson> {
    const loaded = this.shown?.id === lessonId ? this.shown : await this.library.load(lessonId);
    if (!loaded) throw new Error(`Lesson "${lessonId}" is not available any more.`);
    return loaded;
  }

  private async runBlock(lessonId: string, runId: string, mode: RunBlockMode): Promise<RunBlockResultView> {
    return this.blocks().run(await this.lesson(lessonId), runId, mode);
  }

  private async predict(lessonId: string, predictId: string, guess: PredictGuessView): Promise<PredictResult> {
    return this.blocks().predict(await this.lesson(lessonId), predictId, guess);
  }

  private async answerQuiz(lessonId: string, quizId: string, selected: number[]): Promise<QuizResult> {
    const loaded = this.shown?.id === lessonId ? this.shown : await this.library.load(lessonId);
    const quizzes = loaded ? quizzesOf(loaded) : [];
    const quiz = quizzes.find((q) => q.id === quizId);
    if (!loaded || !quiz) throw new Error(`Quiz "${quizId}" is not in lesson "${lessonId}" any more; reopen the lesson.`);
    const feedback = await this.feedback(quiz, selected);
    const wasCompleted = this.progress.get().completed.includes(lessonId);
    const after = await this.progress.update((p) => {
      const next = recordQuizAnswer(p, lessonId, quizId, { selected, correct: feedback.correct });
      return lessonDone(next, lessonId, ...completionIds(loaded)) ? markCompleted(next, lessonId) : next;
    });
    return { feedback, lessonCompleted: !wasCompleted && after.completed.includes(lessonId) };
  }

  private postCompletion(p: Progress): void {
    const shown = this.shown;
    if (!shown || !this.ready) return;
    void this.answered(shown, p).then((answered) =>
      this.post({ type: 'completion', lessonId: shown.id, completed: p.completed.includes(shown.id), completedCount: p.completed.length, answered }),
    );
  }

  private async post(message: LessonHostMessage): Promise<void> {
    if (this.panel && this.ready) await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function hasBlock(loaded: LoadedLesson, kind: string): boolean {
  return loaded.rendered.directives.some((d) => d.kind === kind);
}

/** The quizzes of a loaded lesson, in page order. */
export function quizzesOf(loaded: LoadedLesson): Quiz[] {
  return loaded.rendered.directives.filter((d) => d.kind === 'quiz').map((d) => d.value as Quiz);
}
