// A learner opens a sample handler, clicks "▶ Invoke", reads the REPORT cards and the timeline,
// runs a small load and the keep-alive what-if, with screenshots of each step.
import type { E2EContext } from './e2eContext';

/** Answers the current Quick Input box (waits until its title shows `step`). */
async function answer(t: E2EContext, step: string, value: string): Promise<void> {
  await t.page.locator('.quick-input-widget .quick-input-title', { hasText: step }).waitFor({ state: 'visible', timeout: 20000 });
  const input = t.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  await input.press('Enter');
}

/** ▶ Invoke → REPORT cards → Invoke again (warm) → Run Load… → charts → what-if. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Go to File...');
  await t.page.locator('.quick-input-widget .quick-input-box input').fill('hello-node/handler.js');
  // Pick the row of that file: recently opened handler.js files (an earlier spec's exercise) are listed too.
  await t.pickQuickItem('hello-node');
  const lens = t.page.locator('.contentWidgets .codelens-decoration a', { hasText: '▶ Invoke' }).first();
  await t.expectVisible(lens, 'the "▶ Invoke" CodeLens is shown above exports.handler', 60000);
  await lens.click();

  const panel = await t.webview('#report-cards .report-card', 60000);
  // The panel is reused and may still show an earlier spec's invocation: wait for this one's response.
  await t.expectVisible(panel.locator('#response', { hasText: 'HTTP 200' }), 'the HTTP response status is rendered', 60000);
  const cards = await panel.locator('#report-cards .report-card').allInnerTexts();
  for (const label of ['Duration', 'Billed Duration', 'Max Memory Used', 'Init Duration']) {
    t.check(cards.some((c) => c.includes(label)), `a REPORT card reads "${label}"`);
  }
  const init = cards.find((c) => c.includes('Init Duration')) ?? '';
  t.check(/\d+(\.\d+)? ms/.test(init), `the first invocation is cold and shows its Init Duration: ${JSON.stringify(init)}`);
  t.check((await panel.locator('#logs').innerText()).includes('REPORT RequestId:'), 'the logs include the REPORT line');
  await panel.locator('#timeline').scrollIntoViewIfNeeded();
  await t.screenshot('run-invoke-cold');

  await panel.locator('button', { hasText: 'Invoke again' }).first().click();
  await t.expectVisible(panel.locator('.badge.warm'), 'invoking again from the panel is warm');
  await panel.locator('#timeline').scrollIntoViewIfNeeded();
  await t.screenshot('run-timeline-warm');

  // Predict, then run: predict warm and under 10 ms, run, and read the grade and the explanation.
  await panel.locator('#predict-mode').check();
  await panel.locator('#predict-warm').check();
  await panel.locator('#predict-band').selectOption('lt10');
  await panel.locator('#predict-run').click();
  const grade = panel.locator('.grade');
  await grade.waitFor({ state: 'visible', timeout: 30000 });
  t.check(/Your prediction: [0-2]\/2/.test(await grade.innerText()), 'the prediction is graded');
  t.check(/^(Warm|Cold):/.test(await panel.locator('.explanation').innerText()), 'the panel explains why it was warm or cold');
  await grade.scrollIntoViewIfNeeded();
  await t.screenshot('run-predict');
  await panel.locator('#predict-mode').uncheck();

  await t.runCommand('Serverless Lab: Run Load…');
  await answer(t, '1/4', '30');
  await t.pickQuickItem('Burst');
  await answer(t, '4/4', '6');
  const load = await t.webview('#load-results canvas', 90000);
  const summary = await load.locator('#load-results .cards').innerText();
  t.check(/Cold starts/.test(summary) && /p99 latency/.test(summary), `the load summary shows cold % and p99: ${JSON.stringify(summary.slice(0, 120))}`);
  t.check(await load.locator('#load-results canvas').count() === 3, 'latency, sandboxes-alive and histogram charts are drawn');
  await t.screenshot('run-load');
  await load.locator('#load-histogram').scrollIntoViewIfNeeded();
  await t.screenshot('run-load-histogram');

  await load.locator('#tab-whatIf').click();
  await load.locator('#whatif-run').click();
  await load.locator('#whatif-chart canvas').waitFor({ state: 'visible', timeout: 30000 });
  t.check((await load.locator('.simulation-label').innerText()).includes('SIMULATION'), 'the what-if is labelled as a simulation');
  await t.screenshot('run-keepalive-whatif');

  // Light and high contrast: t.setTheme reloads the window, so each round also proves the panel comes back
  // through its serializer, with the history (workspaceState) and the last load run.
  for (const name of ['light', 'high-contrast'] as const) {
    await t.setTheme(name);
    const restored = await t.webview('#tab-invocation', 90000);
    t.check(await restored.locator('#tab-invocation').count() === 1, `after a reload (${name}) the invocation panel is restored by its serializer`);
    await restored.locator('#tab-invocation').click();
    await restored.locator('#report-cards .report-card').first().waitFor({ state: 'visible', timeout: 30000 });
    t.check(await restored.locator('#history-list [role=option]').count() >= 3, 'the invocation history survived the reload');
    await t.screenshot('run-invoke');
    await restored.locator('#tab-load').click();
    await t.expectVisible(restored.locator('#load-results canvas'), 'the last load run survived the reload');
    await t.screenshot('run-load');
    await restored.locator('#tab-whatIf').click();
    if (!(await restored.locator('#whatif-chart canvas').count())) await restored.locator('#whatif-run').click();
    await restored.locator('#whatif-chart canvas').waitFor({ state: 'visible', timeout: 30000 });
    await t.screenshot('run-keepalive-whatif');
  }
  await t.setTheme('dark');
}
