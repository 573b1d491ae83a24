import type * as vscode from 'vscode';
import type { Config } from './config';

/**
 * Services shared by the feature modules; created once in activate().
 * Lives apart from extension.ts so that features import it without importing the activation entry.
 */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  config: Config;
  /** Registers async cleanup that deactivate() awaits (disposables alone cannot be awaited). */
  onDeactivate(hook: () => Promise<void>): void;
}

/**
 * What activate() returns to other extensions and to tests: deliberately small.
 * `testing` exists only when the host runs the extension in test mode, so tests can read stored state
 * without the extension handing its whole ExtensionContext to every other extension.
 */
export interface SlApi {
  /** Bumped when this shape changes incompatibly. */
  apiVersion: 1;
  /** Read-only state access for the integration tests; undefined outside ExtensionMode.Test. */
  testing?: {
    globalState: Pick<vscode.Memento, 'get' | 'keys'>;
    workspaceState: Pick<vscode.Memento, 'get' | 'keys'>;
  };
}
