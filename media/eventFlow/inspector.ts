// The inspector under the diagram: an event hop by hop (payload per hop, timings, invocation records),
// a rule's field-by-field why / why not on recent events, a queue's messages with Redrive and Purge.
import type { FlowAction, InspectResult, InspectTarget } from '../../src/shared/eventFlowProtocol';
import { h } from '../shared/dom';

/** What the inspector can ask the page to do. */
export interface InspectorActions {
  inspect(target: InspectTarget): void;
  act(action: FlowAction): Promise<void>;
  compression: number;
}

const json = (v: unknown) => h('pre', { class: 'json' }, typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const time = (ms: number) => new Date(ms).toISOString().slice(11, 23);

function link(label: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'link', title }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** Renders an inspect result. */
export function renderInspection(r: InspectResult, a: InspectorActions): HTMLElement {
  const compressed = a.compression !== 1 ? ` (engine time, compressed ×${a.compression})` : '';
  switch (r.kind) {
    case 'event': {
      const t0 = r.hops[0]?.at ?? 0;
      return h('div', {}, h('h2', {}, `Event trace ${r.traceId.slice(0, 8)}`), h('p', { class: 'muted' }, `${r.hops.length} hops; times are offsets from the first hop${compressed}.`),
        h('ol', { class: 'hops' }, ...r.hops.map((hop) => {
          const payload = hop.detail.payload ?? hop.detail.event;
          const rest = Object.fromEntries(Object.entries(hop.detail).filter(([k]) => k !== 'payload' && k !== 'event'));
          const failed = /failed|retry|redriven|dlq|error|throttled/.test(hop.kind);
          return h('li', { class: hop.fault ? 'injected' : failed ? 'failed' : '' },
            h('strong', {}, `+${hop.at - t0} ms ${hop.kind}`), ' ', h('code', {}, hop.resource), hop.fault ? h('span', { class: 'badge injected' }, `⚡ injected ${hop.fault}`) : undefined,
            Object.keys(rest).length ? json(rest) : undefined,
            payload !== undefined ? h('details', {}, h('summary', {}, 'Payload at this hop'), json(payload)) : undefined,
            hop.invocation ? h('div', { class: 'invocation' }, `Invocation ${hop.invocation.requestId}`, hop.invocation.durationMs !== undefined ? ` · ${hop.invocation.durationMs} ms` : '', ' ', link('Open invocations', () => void a.act({ action: 'openInvocations' })),
              hop.invocation.error ? h('p', { class: 'error' }, `${hop.invocation.error.errorType}: ${hop.invocation.error.errorMessage}`) : undefined,
              hop.invocation.logs?.length ? h('details', {}, h('summary', {}, 'Logs'), json(hop.invocation.logs.join('\n'))) : undefined) : undefined);
        })));
    }
    case 'rule': {
      if (r.schedule) return h('div', {}, h('h2', {}, `Schedule ${r.rule}`), h('p', {}, `Fires on ${r.schedule}${compressed}.`));
      return h('div', {}, h('h2', {}, `Rule ${r.rule} on ${r.bus}`), h('details', {}, h('summary', {}, 'Pattern'), json(r.pattern)),
        r.verdicts.length ? undefined : h('p', { class: 'muted' }, 'No events on this bus yet. Put one (Put Event…) to see why it matches or not.'),
        h('ol', { class: 'verdicts' }, ...r.verdicts.map((v) => h('li', { class: v.matched ? 'matched' : 'unmatched' },
          h('strong', {}, v.matched ? '✓ matched' : '✗ did not match'), ' ', link(`${String(v.event.source)} / ${String(v.event['detail-type'])} at ${time(v.at)}`, () => a.inspect({ kind: 'event', traceId: v.traceId }), 'Show this event hop by hop'),
          h('table', {}, h('thead', {}, h('tr', {}, ...['', 'Field', 'Condition', 'Event has', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...v.leaves.map((l) => h('tr', { class: l.matched ? 'matched' : 'unmatched' }, h('td', {}, l.matched ? '✓' : '✗'), h('td', {}, `${l.branch !== undefined ? `$or[${l.branch}] ` : ''}${l.path}`), h('td', {}, h('code', {}, l.condition)), h('td', {}, l.actual === undefined ? '(absent)' : JSON.stringify(l.actual)), h('td', {}, l.note ?? '')))))))));
    }
    case 'queue': {
      const controls = h('div', { class: 'toolbar' },
        r.isDlq ? h('button', { type: 'button' }, `Redrive to ${r.sources.join(', ')}`) : undefined,
        h('button', { type: 'button' }, 'Purge…'));
      const [redrive, purge] = r.isDlq ? [controls.children[0], controls.children[1]] : [undefined, controls.children[0]];
      redrive?.addEventListener('click', () => void a.act({ action: 'redrive', queue: r.name }));
      purge.addEventListener('click', () => void a.act({ action: 'purge', queue: r.name }));
      return h('div', {}, h('h2', {}, `${r.isDlq ? 'Dead-letter queue' : 'Queue'} ${r.name}`), controls,
        r.messages.length ? h('table', {}, h('caption', {}, `${r.messages.length} message(s); deadlines in engine time${a.compression !== 1 ? ` (compressed ×${a.compression})` : ''}`),
          h('thead', {}, h('tr', {}, ...['Message', 'State', 'Receives', 'Visible at', 'Body', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...r.messages.map((m) => h('tr', { class: m.fault ? 'injected' : '' },
            h('th', { scope: 'row' }, m.messageId.slice(0, 8)), h('td', {}, m.state + (m.fault ? ` ⚡${m.fault}` : '')), h('td', {}, String(m.receiveCount)),
            h('td', {}, m.state === 'visible' ? 'now' : `${time(m.visibleAt)} (in ${Math.max(0, Math.round((m.visibleAt - r.now) / 1000))} s)`),
            h('td', {}, h('code', { class: 'body' }, m.body.length > 120 ? `${m.body.slice(0, 120)}…` : m.body), m.error ? h('p', { class: 'error' }, m.error) : undefined),
            h('td', {}, link('Why? (trace)', () => a.inspect({ kind: 'event', traceId: m.traceId }), 'Show this message’s event hop by hop, with the failed invocations')))))) : h('p', { class: 'muted' }, 'Empty.'));
    }
  }
}
