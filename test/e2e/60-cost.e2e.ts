// A learner opens the Cost panel from the Command Palette, reads the three totals, drags the
// invocations slider (keyboard) and sees them update live; screenshots of the comparison and sweep.
import { waitFor } from '../helpers/waitFor';
import type { E2EContext } from './e2eContext';

const money = /^\$[\d,]+\.\d{2}$|^\$\d\.\d+e-\d+$|^\$0\.\d+$/;

/** Estimate Cost… → totals for AWS, Azure, Google → live slider update → sweep, in three themes. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Serverless Lab: Estimate Cost…');
  const cost = await t.webview('#total-aws');
  const totals = async () => Promise.all(['aws', 'azure', 'gcp'].map(async (p) => (await cost.locator(`#total-${p}`).innerText()).trim()));
  const before = await totals();
  t.check(before.every((v) => money.test(v)), `the panel shows three monthly totals: ${before.join(', ')}`);

  // Keyboard on the slider: End jumps to 10^10 invocations a month, which must cost more everywhere.
  const slider = cost.locator('#invocations');
  await slider.focus();
  await slider.press('End');
  const after = await waitFor(async () => {
    const now = await totals();
    return now.some((v, i) => v !== before[i]) && now;
  }, `the totals to change from ${before.join(', ')} when the slider moves`, { timeoutMs: 10000 });
  t.check(after.every((v) => money.test(v)), `totals update live when the slider moves: ${after.join(', ')}`);

  // Every number expands to its formula.
  await cost.locator('#totals details.formula summary').nth(1).click();
  t.check((await cost.locator('#totals details.formula[open] code').first().innerText()).includes('='), 'a bill line expands to its formula');

  // Each theme switch reloads the window; the Cost panel must come back through its serializer.
  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    await t.setTheme(theme);
    const view = await t.webview('#cost-chart');
    t.check(/\$[\d,.]+/.test(await view.locator('#total-aws').innerText()), `the Cost panel is restored with its totals (${theme})`);
    await view.locator('#cost-chart').scrollIntoViewIfNeeded();
    await t.screenshot('cost-comparison');
    await view.locator('#sweep-chart').scrollIntoViewIfNeeded();
    await t.screenshot('cost-sweep');
  }
  await t.setTheme('dark');
  const view = await t.webview('#sweep-chart');
  t.check(await view.locator('#sweep-chart').count() === 1 && await view.locator('#cost-chart').count() === 1, 'both charts are present');
}
