import type * as vscode from 'vscode';
import type { RuntimeService } from '../core/runtime/runtimeService';
import type { BaasHost } from './baas/host';
import type { Config } from './config';
import type { EventingHost } from './eventing/host';
import type { RuntimeHost } from './runtime/runtimeHost';

/**
 * Services shared by the feature modules; created once in activate().
 * Lives apart from extension.ts so that features import it without importing the activation entry.
 */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  config: Config;
  /** The one function registry, sandbox counts and invocation events (cheap until the runtime is first used). */
  runtimeHost: RuntimeHost;
  /** The one runtime service, created on first use: every feature that runs a function invokes through it. */
  runtime(): Promise<RuntimeService>;
  /**
   * The one BaaS host of this window (src/extension/baas/host.ts), loading the BaaS feature bundle on first use.
   * It does not start the BaaS: call `start()` (or check `state` and `current`) on it.
   */
  baas(): Promise<BaasHost>;
  /** The workspace's one event engine host (templates, endpoint, persistence), created on first use. */
  eventing(): Promise<EventingHost>;
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
    /** The extension's one runtime service, so tests can compare its resolution with the CLI's and a headless one. */
    runtime(): Promise<RuntimeService>;
    /** The BaaS host (loads the BaaS bundle; does not start it), so tests can start it and read its state. */
    baas(): Promise<BaasHost>;
    /** The workspace's event engine host (services.eventing()), so tests drive the editor's own engine. */
    eventing(): Promise<EventingHost>;
  };
}
