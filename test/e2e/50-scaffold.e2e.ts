// A learner runs "New Function…" from the Command Palette, creates an SQS TypeScript function, invokes it
// from its CodeLens with its sample event, exports the workspace to AWS SAM and compares providers (Rosetta).
// Screenshots of each step.
import * as fs from 'fs';
import * as path from 'path';
import type { E2EContext } from './e2eContext';

/** Palette → New Function… → AWS / TypeScript / SQS / name → ▶ Invoke → REPORT → Export to AWS SAM. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Serverless Lab: New Function…');
  await t.pickQuickItem('AWS Lambda');
  await t.pickQuickItem('TypeScript');
  await t.page.locator('.quick-input-list .monaco-list-row', { hasText: 'SQS message batch' }).first().waitFor({ state: 'visible', timeout: 20000 });
  await t.screenshot('scaffold-wizard-trigger');
  await t.pickQuickItem('SQS message batch');
  const input = t.page.locator('.quick-input-widget .quick-input-box input');
  await t.page.locator('.quick-input-widget .quick-input-title', { hasText: '4/4' }).waitFor({ state: 'visible', timeout: 20000 });
  await input.fill('ordersWorker');
  await input.press('Enter');

  const tab = t.page.locator('.tabs-container .tab', { hasText: 'handler.ts' }).first();
  await tab.waitFor({ state: 'visible', timeout: 30000 });
  t.check(true, 'the new handler opens in an editor');
  const lens = t.page.locator('.contentWidgets .codelens-decoration a', { hasText: '▶ Invoke' }).first();
  await lens.waitFor({ state: 'visible', timeout: 60000 });
  await t.screenshot('scaffold-sqs-handler');
  await lens.click();

  const panel = await t.webview('#report-cards .report-card', 60000);
  const response = await panel.locator('#response').innerText();
  t.check(response.includes('batchItemFailures'), `the SQS handler answers with a partial-batch response: ${JSON.stringify(response.slice(0, 120))}`);
  const cards = await panel.locator('#report-cards .report-card').allInnerTexts();
  t.check(cards.some((c) => c.includes('Billed Duration')), 'the REPORT cards are shown');
  await t.screenshot('scaffold-sqs-invoke');

  await t.runCommand('Serverless Lab: Export to AWS SAM');
  await t.page.locator('.tabs-container .tab', { hasText: 'template.yaml' }).first().waitFor({ state: 'visible', timeout: 30000 });
  // The editor renders only the lines in view, so read what was written from disk.
  const text = fs.readFileSync(path.join(t.workspace, 'template.yaml'), 'utf8');
  t.check(/AWS::Serverless::Function/.test(text) && /- sqs:ReceiveMessage[\s\S]*?Resource: !GetAtt \w+Queue\.Arn/.test(text), 'template.yaml has the function and its own role, scoped to its queue');
  await t.screenshot('scaffold-sam-template');

  await t.runCommand('Serverless Lab: Compare Providers (Rosetta)…');
  await t.pickQuickItem('HTTP request');
  await t.pickQuickItem('TypeScript');
  for (const file of ['aws-handler.ts', 'azure-handler.ts', 'gcp-handler.ts']) {
    await t.page.locator('.tabs-container .tab', { hasText: file }).first().waitFor({ state: 'visible', timeout: 30000 });
  }
  t.check(true, 'the Rosetta view opens the AWS, Azure and Google versions side by side');
  await t.screenshot('scaffold-rosetta-http');

  // Each theme switch reloads the window: the read-only comparison documents must come back with it.
  for (const theme of ['light', 'high-contrast'] as const) {
    await t.setTheme(theme);
    await t.page.locator('.tabs-container .tab', { hasText: 'gcp-handler.ts' }).first().waitFor({ state: 'visible', timeout: 60000 });
    await t.page.locator('.monaco-editor .view-lines', { hasText: 'Google Cloud Functions HTTP function' }).first().waitFor({ state: 'visible', timeout: 60000 });
    t.check(true, `the Rosetta documents are restored after a reload (${theme})`);
    await t.screenshot('scaffold-rosetta-http');
  }
  await t.setTheme('dark');
}
