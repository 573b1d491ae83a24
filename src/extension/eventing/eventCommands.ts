// The event commands (Put Event, Send Message, Publish, Redrive DLQ, Purge Queue, Pause/Resume
// Schedules): quick picks that work from the keyboard, cancel cleanly (undefined), and accept their
// inputs as arguments too (lesson links, the flow panel, tests). Errors are thrown with what to do;
// the command boundary in the activation entry shows them.
import * as vscode from 'vscode';
import { toPutEventsEntry } from '../../core/eventing/putEntry';
import { generateEvent } from '../../core/sampleEvents';
import { CommandIds } from '../commandIds';
import type { EventingHost } from './host';

type Pick<T> = vscode.QuickPickItem & { value: T };

/** The command handlers over one host. */
export class EventCommands {
  constructor(private readonly host: EventingHost) {}

  /** Puts an event on a bus (`count` copies, for watching a flood); returns the first event id, or undefined when cancelled. */
  async putEvent(rawEntry?: unknown, busArg?: string, count = 1): Promise<string | undefined> {
    if (!Number.isInteger(count) || count < 1 || count > 1000) throw new Error(`Put Event puts 1 to 1,000 copies (got ${count}).`);
    const engine = this.host.engine();
    let entry = rawEntry === undefined ? undefined : toPutEventsEntry(rawEntry);
    if (!entry) {
      const picked = await this.pickEvent();
      if (!picked) return undefined;
      const text = await vscode.window.showInputBox({
        title: 'Put Event: edit the entry, then press Enter to send',
        // A second step: focus going back to the panel that started the command must not close it.
        ignoreFocusOut: true,
        value: JSON.stringify(picked),
        prompt: 'A PutEvents entry {"Source","DetailType","Detail"} or an event {"source","detail-type","detail"}',
        validateInput: (v) => {
          try {
            toPutEventsEntry(JSON.parse(v));
            return undefined;
          } catch (err) {
            return (err as Error).message;
          }
        },
      });
      if (text === undefined) return undefined;
      entry = toPutEventsEntry(JSON.parse(text));
    }
    const buses = [...engine.buses.keys()];
    const bus = busArg ?? entry.EventBusName ?? (buses.length === 1 ? buses[0] : await vscode.window.showQuickPick(buses, { title: 'Put Event: which bus?', ignoreFocusOut: true }));
    if (!bus) return undefined;
    let firstId: string | undefined;
    // PutEvents takes at most 10 entries per call, as in EventBridge.
    for (let done = 0; done < count; done += 10) {
      const result = engine.putEvents(Array.from({ length: Math.min(10, count - done) }, () => ({ ...entry, EventBusName: bus })));
      const first = result.entries[0];
      if ('ErrorCode' in first) throw new Error(`PutEvents rejected the entry: ${first.ErrorCode}: ${first.ErrorMessage}`);
      firstId ??= first.EventId;
    }
    return firstId;
  }

  /** Sample entries: one per rule of the template (built from its pattern), the catalogue's EventBridge sample, and saved events. */
  private async pickEvent(): Promise<unknown> {
    const items: Pick<unknown>[] = [];
    for (const bus of this.host.engine().buses.values()) for (const rule of bus.rules.values()) {
      const p = rule.eventPattern as Record<string, unknown> | undefined;
      if (!p || typeof p !== 'object') continue;
      const first = (v: unknown) => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
      const source = first(p.source) ?? 'my.app';
      const detailType = first(p['detail-type']) ?? 'Example';
      items.push({ label: `$(symbol-event) ${detailType} from ${source}`, description: `to match rule ${rule.name}`, detail: `on bus ${bus.name}; edit the detail before sending`, value: { Source: source, DetailType: detailType, Detail: '{}', EventBusName: bus.name } });
    }
    items.push({ label: '$(library) EventBridge custom event (sample)', description: 'from the sample-event catalogue', value: generateEvent('eventbridge-custom') });
    const saved = await vscode.workspace.findFiles('.serverless-lab/events/**/*.json', '**/node_modules/**', 50);
    for (const uri of saved) items.push({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: 'saved event', value: uri });
    const pick = await vscode.window.showQuickPick(items, { title: 'Put Event: start from', matchOnDescription: true });
    if (!pick) return undefined;
    if (pick.value instanceof vscode.Uri) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(pick.value));
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw new Error(`${vscode.workspace.asRelativePath(pick.value)} is not plain JSON (${(err as Error).message}). Fix it or pick another event.`);
      }
    }
    return pick.value;
  }

  /** Sends a message to a queue; returns its message id. */
  async sendMessage(queueArg?: string, bodyArg?: string): Promise<string | undefined> {
    const queue = queueArg ?? (await this.pickQueue('Send Message to Queue: which queue?', () => true));
    if (!queue) return undefined;
    const body = bodyArg ?? (await vscode.window.showInputBox({ title: `Send Message to ${queue}`, ignoreFocusOut: true, prompt: 'Message body (any text; JSON for most handlers)', value: '{"hello":"world"}' }));
    if (body === undefined) return undefined;
    return this.host.engine().sendMessage(queue, { body }).messageId;
  }

  /** Publishes to a topic; returns the message id. */
  async publish(topicArg?: string, messageArg?: string): Promise<string | undefined> {
    const topics = [...this.host.engine().topics.keys()];
    if (!topicArg && !topics.length) throw new Error('The template declares no SNS topic. Add an AWS::SNS::Topic to template.yaml, then try again.');
    const topic = topicArg ?? (topics.length === 1 ? topics[0] : await vscode.window.showQuickPick(topics, { title: 'Publish to Topic: which topic?' }));
    if (!topic) return undefined;
    const message = messageArg ?? (await vscode.window.showInputBox({ title: `Publish to ${topic}`, ignoreFocusOut: true, prompt: 'Message', value: '{"hello":"world"}' }));
    if (message === undefined) return undefined;
    return this.host.engine().publish(topic, { message });
  }

  /** Moves a DLQ's messages back to their source queue; returns how many moved. */
  async redriveDlq(queueArg?: string): Promise<number | undefined> {
    const queue = queueArg ?? (await this.pickQueue('Redrive DLQ: which dead-letter queue?', (name) => this.isDlq(name)));
    if (!queue) return undefined;
    const moved = this.host.engine().redriveBack(queue);
    this.host.notifyChanged();
    void vscode.window.setStatusBarMessage(`Serverless Lab: ${moved} message${moved === 1 ? '' : 's'} moved back from ${queue}`, 4000);
    return moved;
  }

  /** Deletes every message of a queue after a modal confirmation; returns how many were deleted. */
  async purgeQueue(queueArg?: string, options?: { confirmed?: boolean }): Promise<number | undefined> {
    const queue = queueArg ?? (await this.pickQueue('Purge Queue: which queue?', () => true));
    if (!queue) return undefined;
    const q = this.host.engine().queue(queue);
    if (!q) throw new Error(`Queue ${queue} does not exist in the template any more.`);
    if (!options?.confirmed) {
      const ok = await vscode.window.showWarningMessage(`Delete all ${q.stored().length} messages of ${queue}? This cannot be undone.`, { modal: true }, 'Purge');
      if (ok !== 'Purge') return undefined;
    }
    const n = q.purge();
    this.host.notifyChanged();
    return n;
  }

  /** Pauses or resumes schedule rules (toggles without an argument); returns the new paused state. */
  toggleSchedules(paused?: boolean): boolean {
    const next = paused ?? !this.host.schedulesPaused;
    this.host.setSchedulesPaused(next);
    void vscode.window.setStatusBarMessage(`Serverless Lab: schedules ${next ? 'paused' : 'resumed'}`, 3000);
    return next;
  }

  private isDlq(name: string): boolean {
    const arn = this.host.engine().queue(name)?.arn;
    return [...this.host.engine().queues.values()].some((q) => q.attributes.redrivePolicy?.deadLetterTargetArn === arn);
  }

  private async pickQueue(title: string, filter: (name: string) => boolean): Promise<string | undefined> {
    const queues = [...this.host.engine().queues.values()].filter((q) => filter(q.name));
    if (!queues.length) throw new Error(`No ${title.startsWith('Redrive') ? 'dead-letter queue' : 'queue'} in the template. Add an AWS::SQS::Queue${title.startsWith('Redrive') ? ' and point a RedrivePolicy at it' : ''}, then try again.`);
    const items = queues.map((q) => ({ label: q.name, description: `${q.stored().length} message${q.stored().length === 1 ? '' : 's'}` }));
    return (await vscode.window.showQuickPick(items, { title }))?.label;
  }
}

/** When no template declares anything, say so and offer the way forward. */
export async function offerTemplate(host: EventingHost): Promise<boolean> {
  if (host.templates().length) return true;
  const pick = await vscode.window.showWarningMessage('Serverless Lab: no template.yaml in this workspace, so there are no buses, queues or topics yet.', 'New Function…', 'Open Event-Driven Lessons');
  if (pick === 'New Function…') await vscode.commands.executeCommand(CommandIds.newFunction);
  if (pick === 'Open Event-Driven Lessons') await vscode.commands.executeCommand(CommandIds.showLessons);
  return false;
}
