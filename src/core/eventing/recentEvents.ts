// The last events each bus saw, with the rules that matched them, rebuilt from the trace so that
// views (the flow panel's rule inspector, the pattern playground's "Try against recent events")
// need no hook inside the bus.
import type { TraceEvent } from './trace';

/** One event a bus saw. */
export interface RecentEvent {
  /** The event's `id`. */
  eventId: string;
  bus: string;
  traceId: string;
  /** Engine-clock time it was put, epoch ms. */
  at: number;
  /** The event as the bus routed it (EventBridge's envelope). */
  event: Record<string, unknown>;
  /** Names of the rules that matched it, in the order they fired. */
  matchedRules: string[];
}

/** A bounded log of recent bus events, fed with trace events. */
export class RecentEvents {
  private readonly events: RecentEvent[] = [];
  private readonly byId = new Map<string, RecentEvent>();

  constructor(private readonly capacity = 200) {}

  /** Feeds one trace event (others than event.put and rule.matched are ignored). */
  add(e: TraceEvent): void {
    if (e.kind === 'event.put') {
      const event = e.detail.event;
      if (!event || typeof event !== 'object' || Array.isArray(event)) return;
      const recent: RecentEvent = { eventId: String(e.detail.eventId), bus: e.resource.replace(/^bus:/, ''), traceId: e.traceId, at: e.at, event: event as Record<string, unknown>, matchedRules: [] };
      this.events.push(recent);
      this.byId.set(recent.eventId, recent);
      if (this.events.length > this.capacity) this.byId.delete((this.events.shift() as RecentEvent).eventId);
      return;
    }
    if (e.kind === 'rule.matched' && e.causationId) {
      // Resources read `rule:<bus>/<rule>`; bus names cannot contain "/", rule names can contain neither.
      const recent = this.byId.get(e.causationId);
      const name = e.resource.slice(e.resource.indexOf('/') + 1);
      if (recent && !recent.matchedRules.includes(name)) recent.matchedRules.push(name);
    }
  }

  /** The newest `limit` events, newest first, optionally of one bus. */
  list(limit = 50, bus?: string): RecentEvent[] {
    const out: RecentEvent[] = [];
    for (let i = this.events.length - 1; i >= 0 && out.length < limit; i--) if (!bus || this.events[i].bus === bus) out.push(this.events[i]);
    return out;
  }

  /** Forgets every event (the flow panel's Clear history). */
  clear(): void {
    this.events.length = 0;
    this.byId.clear();
  }
}
