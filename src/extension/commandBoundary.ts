import * as vscode from 'vscode';
import { getLogger, showLog } from './log';

const log = getLogger('command');

/**
 * Registers a command whose errors never escape: the user sees a short message with a
 * "Show Log" action, and the details (stack included) go to the log channel.
 */
export function registerSafeCommand<A extends unknown[], R>(
  context: vscode.ExtensionContext,
  id: string,
  handler: (...args: A) => R | Promise<R>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: A) => {
      try {
        return await handler(...args);
      } catch (err) {
        reportError(`${id} failed`, err);
        return undefined;
      }
    }),
  );
}

/** Logs an error with detail and shows a short message with a "Show Log" action. */
export function reportError(context: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log.error(`${context}: ${err instanceof Error && err.stack ? err.stack : message}`);
  void vscode.window.showErrorMessage(`Serverless Lab: ${message}`, 'Show Log').then((pick) => {
    if (pick === 'Show Log') showLog();
  });
}
