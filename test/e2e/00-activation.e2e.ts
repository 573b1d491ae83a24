// The extension activates in a real workbench and logs to its own channel.
import type { E2EContext } from './e2eContext';

/** Opens the Serverless Lab log from the Command Palette and reads the activation line in the Output view. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Serverless Lab: Show Log');
  const line = t.page.locator('.part.panel .view-line', { hasText: 'Serverless Lab' }).filter({ hasText: 'activated' });
  await t.expectVisible(line, 'the Output view shows the "activated" line of the Serverless Lab log');
  await t.runCommand('View: Toggle Panel Visibility');
}
