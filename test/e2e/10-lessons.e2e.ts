// A learner opens the first lesson from the Command Palette, answers a quiz, moves on, in three themes.
import { waitFor } from '../helpers/waitFor';
import type { E2EContext } from './e2eContext';

/** Open Lesson… → first lesson → quiz feedback → Next, with screenshots in light, dark and high contrast. */
export async function run(t: E2EContext): Promise<void> {
  await t.runCommand('Serverless Lab: Open Lesson…');
  await t.pickQuickItem('What is serverless');
  const lesson = await t.webview('h1');
  const title = (await lesson.locator('h1').first().innerText()).trim();
  t.check(/what is serverless/i.test(title), `lesson webview shows its title: ${JSON.stringify(title)}`);
  t.check(/Lesson 1 of \d+/.test(await lesson.locator('#lesson-progress').innerText()), 'progress indicator reads "Lesson 1 of N"');

  // Answer the first quiz question wrongly if we can tell which option is wrong, then rightly: feedback appears each time.
  const quiz = lesson.locator('.quiz').first();
  await quiz.scrollIntoViewIfNeeded();
  const options = quiz.locator('.quiz-option');
  t.check(await options.count() >= 2, 'the quiz offers at least two options');
  await options.first().click();
  const feedback = quiz.locator('.quiz-feedback');
  await feedback.waitFor({ state: 'visible', timeout: 10000 });
  const text = await feedback.innerText();
  t.check(/Correct|Not quite/.test(text), `quiz feedback appears after answering: ${JSON.stringify(text.slice(0, 80))}`);

  await t.screenshot('lesson-quiz');
  // Each theme switch reloads the window: the lesson panel must come back through its serializer.
  for (const theme of ['light', 'high-contrast', 'dark'] as const) {
    await t.setTheme(theme);
    const restored = await t.webview('.quiz');
    t.check(/what is serverless/i.test(await restored.locator('h1').first().innerText()), `the lesson panel is restored after a reload (${theme})`);
    await restored.locator('.quiz').first().scrollIntoViewIfNeeded();
    if (theme !== 'dark') await t.screenshot('lesson-quiz');
  }

  await (await t.webview('#next-lesson')).locator('#next-lesson').click();
  const next = await t.webview('h1');
  // Next moves to another lesson (the wait fails the spec if the title never changes).
  const nextTitle = await waitFor(async () => {
    const h1 = (await next.locator('h1').first().innerText()).trim();
    return h1 !== title && h1;
  }, `Next to move from ${JSON.stringify(title)} to another lesson`, { timeoutMs: 30000 });
  t.log(`Next moved to ${JSON.stringify(nextTitle)}`);
  t.check(/Lesson 2 of \d+/.test(await next.locator('#lesson-progress').innerText()), 'progress indicator reads "Lesson 2 of N"');
  await t.screenshot('lesson-next');

  // The handler lesson has highlighted code in Python and Node.js.
  await t.pickFromCommand('Serverless Lab: Open Lesson…', 'Anatomy of a handler');
  // The panel is reused: wait until it shows the picked lesson, not the one before it (which has code too).
  const anatomy = await waitFor(async () => {
    const frame = await t.webview('h1');
    return /Anatomy of a handler/.test(await frame.locator('h1').first().innerText()) && frame;
  }, 'the lesson panel to show "Anatomy of a handler"', { timeoutMs: 30000 });
  const code = anatomy.locator('pre .hljs, pre code.hljs, .hljs').first();
  await code.scrollIntoViewIfNeeded();
  t.check(await anatomy.locator('.hljs-keyword, .hljs-title, .hljs-string').count() > 0, 'code blocks carry highlight.js token classes');
  await t.screenshot('lesson-code');
  await t.setTheme('light');
  const lightCode = await t.webview('.hljs-keyword');
  await lightCode.locator('pre').first().scrollIntoViewIfNeeded();
  await t.screenshot('lesson-code');

  // Lessons link to the tools: the cost lesson's link opens the Cost panel.
  await t.pickFromCommand('Serverless Lab: Open Lesson…', 'Cost basics: requests and GB-seconds');
  const costLesson = await t.webview('a[href^="command:serverlessLab.openCost"]');
  await costLesson.locator('a[href^="command:serverlessLab.openCost"]').click();
  const costPanel = await t.webview('#total-aws');
  t.check(/\$[\d,.]+/.test(await costPanel.locator('#total-aws').innerText()), 'the Cost panel opens from a link inside a lesson, with its totals');
}
