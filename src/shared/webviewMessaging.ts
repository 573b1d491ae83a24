// The one request/reply helper for host <-> webview messaging, used by every panel (lesson, cost,
// invocations). Shape shared by all protocols:
//   - every message has a `type`; the page announces itself with `{ type: 'ready' }`;
//   - a request carries a numeric `requestId` and gets exactly one `{ type: 'reply', requestId, result? | error? }`;
//   - anything else is a notification (no reply).
// Incoming messages are untrusted: each side validates them against its protocol's schema, never casts.

/** The reply to any request: its result, or the error text when the work failed. */
export interface ReplyMessage<R = unknown> {
  type: 'reply';
  requestId: number;
  result?: R;
  error?: string;
}

/** A message that expects a reply. */
export interface RequestShape {
  type: string;
  requestId: number;
}

/** Omit that distributes over a union of message types. */
export type WithoutRequestId<M> = M extends unknown ? Omit<M, 'requestId'> : never;

/** How one field is checked; `?` marks an optional field. A function checks anything else (enums, nested shapes). */
export type FieldCheck = 'string' | 'number' | 'boolean' | 'object' | 'string[]' | 'number[]' | 'string?' | 'number?' | 'boolean?' | 'object?' | ((value: unknown) => boolean);

/** Fields of each message type, keyed by `type`. */
export type MessageSchema = Readonly<Record<string, Readonly<Record<string, FieldCheck>>>>;

function fieldOk(value: unknown, check: FieldCheck): boolean {
  if (typeof check === 'function') return check(value);
  const optional = check.endsWith('?');
  if (value === undefined) return optional;
  const base = optional ? check.slice(0, -1) : check;
  switch (base) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'object': return !!value && typeof value === 'object';
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number[]': return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
    default: return false;
  }
}

/** Checks an untrusted message against `schema`; returns it typed when every field passes, otherwise undefined. */
export function parseMessage<M extends { type: string }>(raw: unknown, schema: MessageSchema): M | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.type !== 'string' || !Object.prototype.hasOwnProperty.call(schema, r.type)) return undefined;
  const fields = schema[r.type];
  for (const [name, check] of Object.entries(fields)) if (!fieldOk(r[name], check)) return undefined;
  return raw as M;
}

/** Checks a reply: `{ type: 'reply', requestId: number, error?: string }` (the result is checked by whoever awaits it). */
export function parseReply(raw: unknown): ReplyMessage | undefined {
  return parseMessage<ReplyMessage>(raw, { reply: { requestId: 'number', error: 'string?' } });
}

/** Page (or host) side of requests: numbers them, posts them, and settles each when its reply arrives. */
export class RequestClient<Req extends RequestShape> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();

  constructor(private readonly post: (message: Req) => void) {}

  /** Sends a request; resolves with the reply's result, rejects with its error text. */
  request<R = unknown>(message: WithoutRequestId<Req>): Promise<R> {
    const requestId = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ ...message, requestId } as unknown as Req);
    });
  }

  /** Feed every incoming message here first: settles the request a reply answers and returns true for replies. */
  settle(raw: unknown): boolean {
    const reply = parseReply(raw);
    if (!reply) return false;
    const waiter = this.pending.get(reply.requestId);
    this.pending.delete(reply.requestId);
    if (waiter) {
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    }
    return true;
  }

  /** Requests still waiting for a reply. */
  get inFlight(): number {
    return this.pending.size;
  }
}

/** Host side: runs a request's work and posts exactly one reply, with its result or the error text. */
export async function answerRequest<R>(requestId: number, work: () => R | Promise<R>, post: (reply: ReplyMessage<R>) => unknown): Promise<R | undefined> {
  try {
    const result = await work();
    await post({ type: 'reply', requestId, result });
    return result;
  } catch (err) {
    await post({ type: 'reply', requestId, error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}
