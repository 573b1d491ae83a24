// A learner opens the Event Flow for "order placed → rule → queue → function → DLQ", turns on 30%
// injected failures, puts 100 orders without a total (the handler rejects them) and watches them move and
// the DLQ fill; then opens the DLQ's messages and a rule's explanation. Screenshots in three themes.
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../helpers/waitFor';
import type { E2EContext } from './e2eContext';

/** Open Event Flow → fault switch → Put 100… → motion and DLQ → DLQ messages → rule why/why-not, in three themes. */
export async function run(t: E2EContext): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'eventing', 'orderFlow'), path.join(t.workspace, 'orders-flow'), { recursive: true });
  fs.mkdirSync(path.join(t.workspace, '.vscode'), { recursive: true });
  const settingsFile = path.join(t.workspace, '.vscode', 'settings.json');
  const settings = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  // 60×: a 30 s visibility timeout passes in half a second, slow enough to watch.
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'serverlessLab.events.timeCompression': 60 }, null, 2));

  await t.runCommand('Serverless Lab: Open Event Flow');
  let flow = await t.webview('svg .node', 60000);
  t.check(await flow.locator('svg .node').count() >= 5, 'the diagram shows bus, rule, queue, DLQ and function');
  // The setting was written to disk just now: the engine picks it up asynchronously (rebuilt on the config change).
  await t.expectVisible(flow.locator('.toolbar', { hasText: 'time compressed ×60' }), 'time compression is labelled');

  await flow.locator('details.faults summary').click();
  await flow.locator('#fault-function-ProcessOrder-failureRate').selectOption('0.3');
  await t.expectVisible(flow.locator('svg .node', { hasText: '30% failures' }), 'the injected fault shows on the function node');

  await flow.locator('button', { hasText: 'Put 100…' }).click();
  await t.pickQuickItem('OrderPlaced from shop.orders');
  // The second step of the command, not the closing pick: its input is labelled with the box's title.
  const input = t.page.locator('.quick-input-widget .quick-input-box input[aria-label^="Put Event: edit the entry"]');
  await input.waitFor({ state: 'visible', timeout: 20000 });
  await input.fill(JSON.stringify({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-1', items: 2 }) }));
  await input.press('Enter');

  const dlqBadge = async () => Number(/(\d+) in DLQs/.exec(await flow.locator('.toolbar .badge', { hasText: 'in DLQs' }).innerText())?.[1] ?? 0);
  await waitFor(async () => (await dlqBadge()) > 0, 'the DLQ to start filling', { timeoutMs: 60000, intervalMs: 100 });
  await t.screenshot('eventflow-motion');
  t.check((await flow.locator('.activity li').count()) > 0, 'the activity list shows hops');
  const full = await waitFor(async () => ((await dlqBadge()) >= 100 ? dlqBadge() : 0), 'all 100 orders to reach the DLQ', { timeoutMs: 120000, intervalMs: 250 });
  t.check(full === 100, `every order without a total ends in the DLQ (${full})`);
  await t.expectVisible(t.page.locator('.statusbar-item', { hasText: 'in DLQ' }), 'the status bar shows the DLQ count');

  await flow.locator('svg .node', { hasText: 'orders-dlq' }).click();
  await t.expectVisible(flow.locator('.details table caption', { hasText: 'message(s)' }), 'the DLQ lists its messages');
  await flow.locator('.details button', { hasText: 'Why? (trace)' }).first().click();
  await t.expectVisible(flow.locator('.details .hops li', { hasText: 'function.failed' }).first(), 'a message’s trace shows the failed invocations');

  await flow.locator('svg .node', { hasText: 'OrderPlacedRule' }).click();
  await t.expectVisible(flow.locator('.details .verdicts li').first(), 'the rule lists recent events with field-by-field verdicts');

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    await t.setTheme(theme);
    flow = await t.webview('svg .node', 60000);
    t.check(await flow.locator('svg .node').count() >= 5, `the Event Flow is restored after the reload (${theme})`);
    await flow.locator('svg .node', { hasText: 'orders-dlq' }).click();
    await t.expectVisible(flow.locator('.details table caption', { hasText: 'message(s)' }), `the DLQ messages are shown (${theme})`);
    await t.screenshot('eventflow-dlq');
  }
  await t.setTheme('dark');
  flow = await t.webview('svg .node', 60000);
  await flow.locator('button', { hasText: 'Show as table' }).click();
  t.check(await flow.locator('table caption', { hasText: 'Routes' }).count() === 1, 'the table alternative lists the routes');
}
