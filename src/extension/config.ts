import * as vscode from 'vscode';

/** Setting keys, as contributed in package.json (section `serverlessLab`). */
export const SettingKeys = {
  lessonFontSize: 'lessons.fontSize',
  openWelcomeOnStartup: 'openWelcomeOnStartup',
  codeLensEnabled: 'codeLens.enabled',
  runHistorySize: 'run.historySize',
  handlerExtraNames: 'handlers.extraNames',
  baasDatabaseUrl: 'baas.databaseUrl',
  baasAutoConfirm: 'baas.autoConfirm',
  baasStatementTimeoutSeconds: 'baas.statementTimeoutSeconds',
  eventsTimeCompression: 'events.timeCompression',
} as const;

/** Typed, read-only view of the `serverlessLab.*` settings; re-read on every change. */
export class Config implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Config>();
  /** Fires after any `serverlessLab.*` setting changes. */
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('serverlessLab')) this.emitter.fire(this);
    });
  }

  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('serverlessLab');
  }

  /** Reads any setting by key with a typed default. */
  get<T>(key: string, fallback: T): T {
    return this.section.get<T>(key, fallback);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
