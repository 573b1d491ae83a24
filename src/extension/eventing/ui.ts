// The eventing UI (lazy bundle eventingUi): the Event Flow panel, the event commands and the status
// bar item, created together the first time an event feature is used.
import * as vscode from 'vscode';
import type { FlowAction } from '../../shared/eventFlowProtocol';
import { CommandIds } from '../commandIds';
import type { Logger } from '../log';
import { EventCommands, offerTemplate } from './eventCommands';
import { dlqMessageCount } from './flowModel';
import { FlowPanel } from './flowPanel';
import type { EventingHost } from './host';
import type { RuntimeService } from '../../core/runtime/runtimeService';

/** What the UI needs from the extension. */
export interface EventingUiDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  runtime: RuntimeService;
}

/** The panel, commands and status bar over one host. */
export class EventingUi implements vscode.Disposable {
  readonly commands: EventCommands;
  readonly panel: FlowPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private functionNames: string[] = [];

  constructor(readonly host: EventingHost, deps: EventingUiDeps) {
    this.commands = new EventCommands(host);
    const refreshFunctions = () => void deps.runtime.registry.list().then((fns) => (this.functionNames = fns.map((f) => f.config.name)), () => undefined);
    refreshFunctions();
    this.panel = new FlowPanel(host, { extensionUri: deps.extensionUri, log: deps.log, act: (a) => this.act(a), onInvocation: (l) => deps.runtime.onInvocation(l), functions: () => this.functionNames });
    this.disposables.push(this.panel, this.statusItem(), host.onDidChange(refreshFunctions));
  }

  /** Opens the flow (showing one node's details when `nodeId` names a rule or queue), after offering a template when the workspace has none. */
  async openFlow(nodeId?: string): Promise<unknown> {
    if (!(await offerTemplate(this.host))) return undefined;
    return this.panel.open(nodeId);
  }

  /** Runs a control of the flow page; returns what happened, in words. */
  async act(a: FlowAction): Promise<string> {
    switch (a.action) {
      case 'redrive': {
        const n = await this.commands.redriveDlq(a.queue);
        return `${n ?? 0} message(s) moved back`;
      }
      case 'purge': {
        const n = await this.commands.purgeQueue(a.queue);
        return n === undefined ? '' : `${n} message(s) deleted`;
      }
      case 'pauseSchedules':
      case 'resumeSchedules':
        return this.commands.toggleSchedules(a.action === 'pauseSchedules') ? 'schedules paused' : 'schedules running';
      case 'clearHistory':
        this.host.clearHistory();
        return 'history cleared';
      case 'setFault': {
        const faults = structuredClone(this.host.faults());
        const group = a.target === 'function' ? faults.functions : faults.queues;
        const entry: Record<string, number | undefined> = { ...(group[a.name] ?? {}) };
        entry[a.field] = a.value > 0 ? a.value : undefined;
        if (Object.values(entry).some((v) => v !== undefined)) (group as Record<string, unknown>)[a.name] = entry;
        else delete group[a.name];
        this.host.setFaults(faults);
        return `${a.name}: ${a.field} ${a.value}`;
      }
      case 'openInvocations':
        await vscode.commands.executeCommand(CommandIds.showInvocations);
        return '';
      case 'putEvent':
        return (await this.commands.putEvent(undefined, undefined, a.count ?? 1)) ? `${a.count ?? 1} event(s) put` : '';
    }
  }

  private statusItem(): vscode.Disposable {
    const item = vscode.window.createStatusBarItem('serverlessLab.events', vscode.StatusBarAlignment.Left, 49);
    item.name = 'Serverless Lab Events';
    item.command = CommandIds.openEventFlow;
    let shown = '';
    const update = () => {
      const dlq = dlqMessageCount(this.host.engine().snapshot());
      const state = this.host.schedulesPaused ? 'paused' : 'running';
      const text = `$(${this.host.schedulesPaused ? 'debug-pause' : 'pulse'}) Events${dlq ? ` $(warning) ${dlq} in DLQ` : ''}`;
      if (text === shown) return;
      shown = text;
      item.text = text;
      item.tooltip = `Serverless Lab event engine: ${state} (schedules ${this.host.schedulesPaused ? 'paused' : 'firing'}); ${dlq} message${dlq === 1 ? '' : 's'} in dead-letter queues. Click to open the Event Flow.`;
      item.accessibilityInformation = { label: `Serverless Lab events ${state}, ${dlq} dead-letter messages`, role: 'button' };
      item.backgroundColor = dlq ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      item.show();
    };
    update();
    // Counts change with trace events; recomputing at most every 250 ms keeps a flood cheap.
    let timer: NodeJS.Timeout | undefined;
    const later = () => (timer ??= setTimeout(() => {
      timer = undefined;
      update();
    }, 250));
    const subs = [this.host.onTrace(later), this.host.onDidChange(later)];
    return vscode.Disposable.from(item, ...subs, { dispose: () => timer && clearTimeout(timer) });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
