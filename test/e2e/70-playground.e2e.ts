// A learner opens the Pattern Playground from the Command Palette: the default pattern matches the default
// event, they type a stricter pattern in the pattern editor and the result beside it turns to NOT MATCHED
// with the failing condition; the editors come back after each theme switch (reload). Screenshots.
import type { E2EContext } from './e2eContext';

const STRICT = '{"source": ["com.example.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}';

/** Palette → Open Pattern Playground → MATCHED → type a pattern → NOT MATCHED, in three themes. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Serverless Lab: Open Pattern Playground');
  const lines = (text: string) => t.page.locator('.editor-instance .view-lines', { hasText: text }).first();
  await t.expectVisible(t.page.locator('.tabs-container .tab', { hasText: 'pattern.eventpattern.json' }).first(), 'the pattern editor opens', 60000);
  await t.expectVisible(lines('MATCHED ✓'), 'the result says the default pattern matches the default event', 60000);

  // Type in the real pattern editor: select all, insert one line, and drop whatever bracket auto-closing added after it.
  await t.page.locator('.editor-instance .view-lines', { hasText: 'com.example.orders' }).first().click();
  await t.page.keyboard.press('ControlOrMeta+A');
  await t.page.keyboard.insertText(STRICT);
  await t.page.keyboard.press('Shift+ControlOrMeta+End');
  await t.page.keyboard.press('Delete');
  await t.expectVisible(lines('NOT MATCHED ✗'), 'the result follows the typed pattern', 30000);
  await t.expectVisible(lines('✗ detail.total'), 'the failing condition is named, with the event\'s value', 10000);
  // Spread the typed line over several (the JSON formatter), so the screenshots show the whole pattern.
  await t.runCommand('Format Document');
  await t.expectVisible(t.page.locator('.editor-instance .view-line', { hasText: '"source"' }).first(), 'the formatted pattern', 30000);

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    await t.setTheme(theme);
    await t.expectVisible(lines('NOT MATCHED ✗'), `the playground is restored with its live result (${theme})`, 120000);
    await t.screenshot('pattern-playground');
  }
  await t.setTheme('dark');
}
