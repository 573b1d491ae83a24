import * as vscode from 'vscode';
import { processWide } from './processWide';

/** One logger over a LogOutputChannel; every line carries a `[component]` tag. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** The channel, shared by every lazy bundle's copy of this module. */
const holder = processWide<{ channel?: vscode.LogOutputChannel }>('log', () => ({}));

/** Creates the shared "Serverless Lab" log channel; call once from activate(). */
export function initLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('Serverless Lab', { log: true });
  holder.channel = channel;
  context.subscriptions.push(channel, { dispose: () => (holder.channel = undefined) });
  return channel;
}

/** Returns a logger whose lines are tagged with `component`. Safe to call before initLog (lines are dropped). */
export function getLogger(component: string): Logger {
  const tag = `[${component}]`;
  return {
    trace: (m, ...a) => holder.channel?.trace(`${tag} ${m}`, ...a),
    debug: (m, ...a) => holder.channel?.debug(`${tag} ${m}`, ...a),
    info: (m, ...a) => holder.channel?.info(`${tag} ${m}`, ...a),
    warn: (m, ...a) => holder.channel?.warn(`${tag} ${m}`, ...a),
    error: (m, ...a) => holder.channel?.error(typeof m === 'string' ? `${tag} ${m}` : m, ...a),
  };
}

/** Shows the log channel (used by "Show Log" actions on error messages). */
export function showLog(): void {
  holder.channel?.show(true);
}
