import * as vscode from 'vscode';

/** One logger over a LogOutputChannel; every line carries a `[component]` tag. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

let channel: vscode.LogOutputChannel | undefined;

/** Creates the shared "Serverless Lab" log channel; call once from activate(). */
export function initLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  channel = vscode.window.createOutputChannel('Serverless Lab', { log: true });
  context.subscriptions.push(channel);
  return channel;
}

/** Returns a logger whose lines are tagged with `component`. Safe to call before initLog (lines are dropped). */
export function getLogger(component: string): Logger {
  const tag = `[${component}]`;
  return {
    trace: (m, ...a) => channel?.trace(`${tag} ${m}`, ...a),
    debug: (m, ...a) => channel?.debug(`${tag} ${m}`, ...a),
    info: (m, ...a) => channel?.info(`${tag} ${m}`, ...a),
    warn: (m, ...a) => channel?.warn(`${tag} ${m}`, ...a),
    error: (m, ...a) => channel?.error(typeof m === 'string' ? `${tag} ${m}` : m, ...a),
  };
}

/** Shows the log channel (used by "Show Log" actions on error messages). */
export function showLog(): void {
  channel?.show(true);
}
