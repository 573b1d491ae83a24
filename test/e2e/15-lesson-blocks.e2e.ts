// A learner goes from reading about cold starts to causing, measuring and fixing one without leaving
// the lesson: predict, run cold and warm, start the exercise, check the starter (specific feedback),
// fix the file, check again (success, progress), in three themes.
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../helpers/waitFor';
import type { E2EContext } from './e2eContext';

const SOLUTION = path.resolve(__dirname, '..', '..', '..', 'lessons', 'exercises', 'heavy-init', 'solution', 'handler.js');

/** Cold starts lesson: ```predict, ```run, then the heavy-init ```exercise both ways. */
export async function run(t: E2EContext): Promise<void> {
  // 48 lessons: filter the picker by title, then pick the row by the lesson's own summary (other summaries mention cold starts too).
  const row = t.page.locator('.quick-input-list .monaco-list-row', { hasText: 'starts a new copy of your function' }).first();
  await waitFor(async () => {
    await t.runCommand('Serverless Lab: Open Lesson…');
    await t.page.keyboard.type('Cold starts');
    if (!(await row.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false))) return false;
    return row.click({ timeout: 10000 }).then(() => true, async () => { await t.page.keyboard.press('Escape'); return false; });
  }, 'the Cold starts lesson to be picked', { timeoutMs: 90000, intervalMs: 1000 });
  let lesson = await t.webview('.predict');
  t.check(/^Cold starts$/.test((await lesson.locator('h1').first().innerText()).trim()), 'the Cold starts lesson is open');

  // Predict first: Run and check stays disabled until a prediction is made.
  const predict = lesson.locator('.predict').first();
  await predict.scrollIntoViewIfNeeded();
  const runPredict = predict.locator('.predict-run');
  t.check(await runPredict.isDisabled(), 'Run and check is disabled before a prediction is made');
  await predict.locator('.predict-choice', { hasText: 'Warm' }).click();
  t.check(!(await runPredict.isDisabled()), 'choosing an option enables Run and check');
  await runPredict.click();
  const verdict = predict.locator('.predict-verdict');
  await t.expectVisible(verdict, 'the prediction is graded after the run', 60000);
  t.check(/prediction was right.*Observed: false/s.test(await verdict.innerText()), `the warm prediction is graded right with the observed value: ${JSON.stringify(await verdict.innerText())}`);
  t.check((await predict.locator('.run-report').innerText()).includes('REPORT RequestId'), 'the REPORT lines of the predicted calls are shown');

  // Run cold, then warm: the REPORT line shows Init Duration only on the cold one.
  const block = lesson.locator('.run-block').first();
  await block.scrollIntoViewIfNeeded();
  await block.locator('.run-action[data-run-mode="cold"]').click();
  const badge = block.locator('.run-badge');
  await t.expectVisible(badge, 'Run cold shows its result inline', 60000);
  t.check(/^Cold start/.test(await badge.innerText()), 'Run cold reports a cold start');
  t.check(/Init Duration/.test(await block.locator('.run-report').innerText()), 'the cold REPORT line has Init Duration');
  t.check(/"currency": "JPY"/.test(await block.locator('.run-response').innerText()), 'the response is shown inline');
  await block.locator('.run-action[data-run-mode="warm"]').click();
  await waitFor(async () => /^Warm start/.test(await badge.innerText()), 'Run warm to report a warm start', { timeoutMs: 60000 });
  t.check(!/Init Duration/.test(await block.locator('.run-report').innerText()), 'the warm REPORT line has no Init Duration');
  await t.screenshot('lesson-run-predict');

  // The exercise: start it, check the starter (specific feedback), fix it, check again.
  const card = lesson.locator('.exercise').first();
  await card.scrollIntoViewIfNeeded();
  await card.locator('[data-action="start"]').click();
  const handler = path.join(t.workspace, 'exercises', 'heavy-init', 'handler.js');
  await waitFor(() => fs.existsSync(handler), 'Start exercise to copy the starter into the workspace', { timeoutMs: 30000 });
  lesson = await t.webview('.exercise');
  await lesson.locator('.exercise [data-action="check"]').first().click();
  const message = lesson.locator('.exercise .exercise-message').first();
  await t.expectVisible(message, 'Check shows feedback for the starter', 90000);
  t.check(/slow set-up runs on every call/.test(await message.innerText()), `the starter gets the init-in-handler feedback: ${JSON.stringify((await message.innerText()).slice(0, 90))}`);
  await lesson.locator('.exercise').first().scrollIntoViewIfNeeded();
  await t.screenshot('lesson-exercise-feedback');

  fs.writeFileSync(handler, fs.readFileSync(SOLUTION, 'utf8')); // the learner's fix (the editor reloads the unchanged document)
  await lesson.locator('.exercise [data-action="check"]').first().click();
  await waitFor(async () => /All \d+ checks pass/.test(await message.innerText()), 'Check to pass after the fix', { timeoutMs: 90000 });
  t.check(await lesson.locator('.exercise.exercise-passed').count() === 1, 'the exercise card is marked passed (progress updated)');

  // Three themes; each switch reloads the window, and the stored prediction comes back with its grade.
  for (const theme of ['light', 'high-contrast', 'dark'] as const) {
    await t.setTheme(theme);
    const restored = await t.webview('.predict-verdict');
    t.check(/prediction was right/.test(await restored.locator('.predict-verdict').first().innerText()), `the prediction and its grade are restored after a reload (${theme})`);
    await restored.locator('.predict').first().scrollIntoViewIfNeeded();
    await t.screenshot('lesson-predict');
    await restored.locator('.exercise').first().scrollIntoViewIfNeeded();
    await t.screenshot('lesson-exercise-passed');
  }
}
