// ARNs and names of local resources. The engine is one local account in one region, like a fresh
// sandbox account: ids are fixed so that templates and SDK code can hard-code them.

/** The local account id (the SAM reader resolves AWS::AccountId to the same value). */
export const ACCOUNT_ID = '123456789012';
/** The local region. */
export const REGION = 'us-east-1';

/** Kinds of resource an ARN can name. */
export type ArnKind = 'function' | 'queue' | 'topic' | 'bus' | 'rule';

/** Builds the ARN of a local resource (rules include their bus unless it is `default`). */
export function arnOf(kind: ArnKind, name: string): string {
  switch (kind) {
    case 'function': return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
    case 'queue': return `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;
    case 'topic': return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`;
    case 'bus': return `arn:aws:events:${REGION}:${ACCOUNT_ID}:event-bus/${name}`;
    case 'rule': return `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${name}`;
  }
}

/** Parses a local ARN into kind and name, or undefined when it is not one the engine hosts. */
export function parseArn(arn: string): { kind: ArnKind; name: string } | undefined {
  const m = /^arn:aws[\w-]*:(lambda|sqs|sns|events):[\w-]*:\d*:(.+)$/.exec(arn);
  if (!m) return undefined;
  const rest = m[2];
  switch (m[1]) {
    case 'lambda': {
      const fn = /^function:([^:]+)/.exec(rest);
      return fn ? { kind: 'function', name: fn[1] } : undefined;
    }
    case 'sqs': return { kind: 'queue', name: rest };
    case 'sns': return { kind: 'topic', name: rest.split(':')[0] };
    case 'events': {
      const bus = /^event-bus\/(.+)$/.exec(rest);
      if (bus) return { kind: 'bus', name: bus[1] };
      const rule = /^rule\/(.+)$/.exec(rest);
      return rule ? { kind: 'rule', name: rule[1] } : undefined;
    }
  }
  return undefined;
}
