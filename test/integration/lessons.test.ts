import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SlApi } from '../../src/extension/services';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';
const PROGRESS_KEY = 'serverlessLab.progress';

interface StoredProgress {
  completed: string[];
  quizAnswers: Record<string, unknown>;
  currentLessonId?: string;
}

/** Stored state, reached through the test-mode API that activate() returns. */
async function extensionContext(): Promise<NonNullable<SlApi['testing']>> {
  const ext = vscode.extensions.getExtension<SlApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} not installed`);
  const api = await ext.activate();
  assert.ok(api.testing, 'the test-mode API is exposed');
  return api.testing;
}

function lessonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('serverlessLab.lesson'));
}

describe('lessons (extension host)', () => {
  let context: NonNullable<SlApi['testing']>;
  const progress = (): StoredProgress => context.globalState.get<StoredProgress>(PROGRESS_KEY) ?? { completed: [], quizAnswers: {} };

  before(async () => {
    context = await extensionContext();
    await vscode.commands.executeCommand('serverlessLab.resetProgress', { confirm: false });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every lesson command it contributes', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['openLesson', 'nextLesson', 'previousLesson', 'showLessons', 'resetProgress', 'getStarted', 'markLessonComplete']) {
      assert.ok(all.includes(`serverlessLab.${id}`), `serverlessLab.${id} not registered`);
    }
  });

  it('opens a lesson by id in a webview panel titled after the lesson', async () => {
    const opened = await vscode.commands.executeCommand('serverlessLab.openLesson', 'what-is-serverless');
    assert.strictEqual(opened, 'what-is-serverless');
    const tab = await waitFor(() => lessonTabs()[0], 'the lesson webview tab');
    assert.strictEqual(tab.label, 'What is serverless?');
    assert.strictEqual(lessonTabs().length, 1);
    assert.strictEqual(progress().currentLessonId, 'what-is-serverless');
  });

  it('reuses the one panel for Next and Previous, in course order', async () => {
    // The next lesson depends on the curriculum (course order is by track, then order): any other lesson will do.
    const next = await vscode.commands.executeCommand<string | undefined>('serverlessLab.nextLesson');
    assert.ok(typeof next === 'string' && next !== 'what-is-serverless', `Next moved to ${String(next)}`);
    await waitFor(() => lessonTabs()[0] !== undefined && lessonTabs()[0]?.label !== 'What is serverless?', 'the tab to show the next lesson');
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.previousLesson'), 'what-is-serverless');
    await waitFor(() => lessonTabs()[0]?.label === 'What is serverless?', 'the tab to show the previous lesson');
    assert.strictEqual(lessonTabs().length, 1);
  });

  it('rejects an unknown lesson id without throwing', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.openLesson', 'no-such-lesson'), undefined);
  });

  it('offers a picker when no id is given, and opens the lesson picked in it', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<string | undefined>('serverlessLab.openLesson')).finally(() => { settled = true; });
    // Accepting the active row does something only once the picker is up: keep accepting until the command returns.
    await waitFor(async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    }, 'the lesson picker to appear and accept its first lesson');
    assert.strictEqual(await pending, 'what-is-serverless', 'the first lesson of the picker was opened');
    await waitFor(() => lessonTabs()[0]?.label === 'What is serverless?', 'the picked lesson\'s tab');
  });

  it('stores completion in globalState and resets it', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.markLessonComplete', 'faas-in-one-page'), 'faas-in-one-page');
    assert.deepStrictEqual(progress().completed, ['faas-in-one-page']);
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.resetProgress', { confirm: false }), true);
    assert.deepStrictEqual(progress().completed, []);
  });

  it('runs Show Lessons and Get Started', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.showLessons'), true);
    assert.strictEqual(await vscode.commands.executeCommand('serverlessLab.getStarted'), true);
  });

  describe('author diagnostics', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-lesson-diag-'));
      fs.mkdirSync(path.join(dir, 'lessons'));
    });
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const SCHEMA_LINE = '# yaml-language-server: $schema=https://serverless-lab.invalid/schemas/lesson.schema.json';
    const broken = (schema: boolean) => ['---', ...(schema ? [SCHEMA_LINE] : []), 'id: broken', 'title: Broken', 'track: Servers', 'order: 1', 'summary: s', 'objectives: [x]', 'estimatedMinutes: 2', '---', 'Body', ''].join('\n');

    it('reports front matter problems at their exact line in a file that declares the lesson schema', async () => {
      const file = path.join(dir, 'lessons', 'broken.md');
      fs.writeFileSync(file, broken(true));
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const diags = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'serverless-lab');
        return d.length ? d : undefined;
      }, 'lesson diagnostics');
      assert.strictEqual(diags[0].range.start.line, 4, 'line 5 of the file (0-based 4)');
      assert.match(diags[0].message, /"track" must be one of/);
    });

    it("leaves another repository's lessons/*.md alone", async () => {
      const declared = path.join(dir, 'lessons', 'ours.md');
      const unrelated = path.join(dir, 'lessons', 'theirs.md');
      fs.writeFileSync(declared, broken(true));
      fs.writeFileSync(unrelated, broken(false));
      const other = await vscode.workspace.openTextDocument(unrelated);
      await vscode.window.showTextDocument(other);
      // Diagnostics arrive for the declared file opened after it, so the unrelated one has been seen by then.
      const ours = await vscode.workspace.openTextDocument(declared);
      await waitFor(() => vscode.languages.getDiagnostics(ours.uri).some((x) => x.source === 'serverless-lab'), 'diagnostics on the declared lesson');
      assert.deepStrictEqual(vscode.languages.getDiagnostics(other.uri).filter((x) => x.source === 'serverless-lab'), []);
    });
  });
});
