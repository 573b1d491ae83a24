// The Event Flow diagram: laid out by dagre (never hand-placed), drawn as SVG, with events animated
// along edges. Nodes are keyboard-focusable buttons; the table view is the screen-reader alternative.
import * as dagre from '@dagrejs/dagre';
import type { FlowEdge, FlowNode, FlowState, FlowTraceEvent } from '../../src/shared/eventFlowProtocol';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 200;
const NODE_H = 56;
const FAILURE_KINDS = new Set(['function.failed', 'function.throttled', 'target.failed', 'target.retry', 'queue.redriven', 'dlq.sent', 'function.retry-scheduled', 'batch.partial-failure', 'error', 'function.expired', 'function.dropped']);

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// Glyphs every workbench font has (no emoji): the kind is also in each node's second line and aria-label.
const ICONS: Record<FlowNode['kind'], string> = { bus: '⇶', rule: '◆', schedule: '◷', queue: '☰', dlq: '⚠', topic: '✉', function: 'λ', external: '↗' };

/** A short counts line for queue nodes. */
export function countsText(n: FlowNode): string {
  if (!n.counts) return n.note && n.kind === 'schedule' ? n.note : n.kind;
  return `${n.counts.visible} visible · ${n.counts.inFlight} in flight${n.counts.delayed ? ` · ${n.counts.delayed} delayed` : ''}`;
}

/** Draws and animates the diagram in one SVG element. */
export class Diagram {
  readonly element: SVGSVGElement = svg('svg', { role: 'group', 'aria-label': 'Event flow diagram (the table view lists the same)' });
  private structure = '';
  private paths = new Map<string, SVGPathElement>();
  private nodes = new Map<string, SVGGElement>();
  private lastHop = new Map<string, string>();

  constructor(private readonly onActivate: (node: FlowNode) => void) {}

  /** Redraws when nodes or edges changed; otherwise only updates counts and fault marks. */
  update(state: FlowState): void {
    const key = JSON.stringify([state.nodes.map((n) => n.id), state.edges.map((e) => e.id)]);
    if (key !== this.structure) {
      this.structure = key;
      this.layout(state);
    }
    for (const n of state.nodes) {
      const g = this.nodes.get(n.id);
      if (!g) continue;
      (g.querySelector('.counts') as SVGTextElement).textContent = countsText(n);
      const fault = g.querySelector('.fault') as SVGTextElement;
      fault.textContent = n.fault ? `⚡ ${n.fault}` : '';
      g.classList.toggle('has-fault', !!n.fault);
      g.classList.toggle('nonempty', n.kind === 'dlq' && !!n.counts && n.counts.visible + n.counts.inFlight + n.counts.delayed > 0);
      g.setAttribute('aria-label', `${n.kind} ${n.label}: ${countsText(n)}${n.fault ? `, injected fault ${n.fault}` : ''}`);
    }
  }

  private layout(state: FlowState): void {
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of state.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
    for (const e of state.edges) g.setEdge(e.from, e.to, { label: e.label ?? '', width: e.label ? 80 : 0, height: e.label ? 14 : 0 }, e.id);
    dagre.layout(g);
    const graph = g.graph();
    this.element.replaceChildren();
    this.paths.clear();
    this.nodes.clear();
    this.element.setAttribute('viewBox', `0 0 ${Math.max(graph.width ?? 0, 10)} ${Math.max(graph.height ?? 0, 10)}`);
    // Scales down to the panel's width (never up), so a wide architecture stays whole; the stage scrolls vertically.
    this.element.setAttribute('style', `max-width: ${graph.width ?? 0}px`);
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
    defs.append(marker);
    this.element.append(defs);
    for (const e of state.edges) this.drawEdge(e, g.edge({ v: e.from, w: e.to, name: e.id }) as { points: { x: number; y: number }[]; x?: number; y?: number });
    for (const n of state.nodes) this.drawNode(n, g.node(n.id));
  }

  private drawEdge(e: FlowEdge, layout: { points: { x: number; y: number }[]; x?: number; y?: number }): void {
    const d = layout.points.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ');
    const path = svg('path', { d, class: `edge edge-${e.kind}`, 'marker-end': 'url(#arrow)' });
    this.paths.set(`${e.from}->${e.to}`, path);
    this.element.append(path);
    if (e.label && layout.x !== undefined && layout.y !== undefined) this.element.append(svg('text', { x: layout.x, y: layout.y, class: 'edge-label', 'text-anchor': 'middle' }, e.label));
  }

  private drawNode(n: FlowNode, p: { x: number; y: number }): void {
    const g = svg('g', { class: `node node-${n.kind}`, transform: `translate(${p.x - NODE_W / 2} ${p.y - NODE_H / 2})`, tabindex: 0, role: 'button', 'data-id': n.id });
    g.append(svg('rect', { width: NODE_W, height: NODE_H, rx: 6 }));
    g.append(svg('text', { x: 10, y: 18, class: 'title' }, `${ICONS[n.kind]} ${n.label.length > 25 ? `${n.label.slice(0, 24)}…` : n.label}`));
    g.append(svg('text', { x: 10, y: 34, class: 'counts' }, countsText(n)));
    g.append(svg('text', { x: 10, y: 49, class: 'fault' }, ''));
    g.append(svg('title', {}, `${n.kind}: ${n.label}${n.note ? `\n${n.note}` : ''}`));
    const activate = () => this.onActivate(n);
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        activate();
      }
    });
    this.nodes.set(n.id, g);
    this.element.append(g);
  }

  /** Animates a batch of hops: a dot along the edge from the trace's previous resource, and a pulse on the node. */
  animate(events: FlowTraceEvent[], reducedMotion: boolean): void {
    const dots = this.element.querySelectorAll('.dot');
    // Under a flood, the oldest dots go first so the page stays light.
    for (let i = 0; i < dots.length - 60; i++) dots[i].remove();
    for (const e of events) {
      const failed = FAILURE_KINDS.has(e.kind);
      const cls = e.fault ? 'injected' : failed ? 'failed' : 'ok';
      const prev = this.lastHop.get(e.traceId);
      if (prev !== e.resource) this.lastHop.set(e.traceId, e.resource);
      if (this.lastHop.size > 2000) this.lastHop.delete(this.lastHop.keys().next().value as string);
      const node = this.nodes.get(e.resource);
      if (node) {
        node.classList.remove('pulse-ok', 'pulse-failed', 'pulse-injected');
        void node.getBoundingClientRect();
        node.classList.add(`pulse-${cls}`);
      }
      const path = prev && prev !== e.resource ? this.paths.get(`${prev}->${e.resource}`) : undefined;
      if (!path || reducedMotion) continue;
      const dot = svg('circle', { r: 5, class: `dot dot-${cls}` });
      this.element.append(dot);
      const length = path.getTotalLength();
      const start = performance.now();
      const step = (t: number) => {
        const f = Math.min(1, (t - start) / 600);
        const pt = path.getPointAtLength(f * length);
        dot.setAttribute('cx', String(pt.x));
        dot.setAttribute('cy', String(pt.y));
        if (f < 1 && dot.isConnected) requestAnimationFrame(step);
        else dot.remove();
      };
      requestAnimationFrame(step);
    }
  }
}
