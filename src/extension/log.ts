import * as vscode from 'vscode';

/** One logger over a LogOutputChannel; every line carries a `[component]` tag. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

// Lazy extension-side bundles (dist/lazy/) carry their own copy of this module, so the channel lives on
// globalThis: every copy then writes to the one channel that activate() created.
const CHANNEL_SLOT = Symbol.for('serverlessLab.logChannel');
const slot = globalThis as { [CHANNEL_SLOT]?: vscode.LogOutputChannel };

/** Creates the shared "Serverless Lab" log channel; call once from activate(). */
export function initLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('Serverless Lab', { log: true });
  slot[CHANNEL_SLOT] = channel;
  context.subscriptions.push(channel);
  return channel;
}

/** Returns a logger whose lines are tagged with `component`. Safe to call before initLog (lines are dropped). */
export function getLogger(component: string): Logger {
  const tag = `[${component}]`;
  return {
    trace: (m, ...a) => slot[CHANNEL_SLOT]?.trace(`${tag} ${m}`, ...a),
    debug: (m, ...a) => slot[CHANNEL_SLOT]?.debug(`${tag} ${m}`, ...a),
    info: (m, ...a) => slot[CHANNEL_SLOT]?.info(`${tag} ${m}`, ...a),
    warn: (m, ...a) => slot[CHANNEL_SLOT]?.warn(`${tag} ${m}`, ...a),
    error: (m, ...a) => slot[CHANNEL_SLOT]?.error(typeof m === 'string' ? `${tag} ${m}` : m, ...a),
  };
}

/** Shows the log channel (used by "Show Log" actions on error messages). */
export function showLog(): void {
  slot[CHANNEL_SLOT]?.show(true);
}
