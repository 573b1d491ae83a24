// What a rule sends to a target: the whole event, a constant Input, the part at InputPath, or an
// InputTransformer's template filled from its input paths map.
// Spec: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html (read 2026-11-27)
import { EngineError } from './errors';

/** A target's input settings, as in PutTargets. */
export interface TargetInput {
  /** Constant JSON text sent instead of the event. */
  input?: string;
  /** JSONPath (`$.detail.order`) of the part of the event to send. */
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
}

/** Rule context for the predefined `<aws.events.*>` variables. */
export interface RuleContext { ruleName: string; ruleArn: string; ingestionTime: string }

/** Reads a simple JSONPath (`$`, `$.a.b`, `$.a[0].b`, `$['a-b']`); undefined when the path is absent. */
export function readJsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new EngineError('ValidationException', `JSONPath "${path}" must start with "$"`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)];
  const consumed = steps.map((s) => s[0]).join('');
  if (consumed !== path.slice(1)) throw new EngineError('ValidationException', `JSONPath "${path}" is not supported (use $.a.b or $.a[0])`);
  let cur: unknown = value;
  for (const s of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = s[2] !== undefined ? (Array.isArray(cur) ? cur[Number(s[2])] : undefined) : (cur as Record<string, unknown>)[s[1] ?? s[3]];
  }
  return cur;
}

/** Fills an InputTransformer template: inside quotes a value is inserted as text, outside as JSON. */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (name && Object.prototype.hasOwnProperty.call(values, name)) {
        const v = values[name];
        if (inString) out += typeof v === 'string' ? JSON.stringify(v).slice(1, -1) : v === undefined ? '' : JSON.stringify(v).replace(/"/g, '\\"');
        else out += v === undefined ? 'null' : JSON.stringify(v);
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Applies a target's input settings to an event; returns the payload (JSON value or, for a text template, a string). */
export function targetPayload(event: Record<string, unknown>, t: TargetInput, rule: RuleContext): unknown {
  const set = [t.input !== undefined, t.inputPath !== undefined, t.inputTransformer !== undefined].filter(Boolean).length;
  if (set > 1) throw new EngineError('ValidationException', 'Only one of Input, InputPath, or InputTransformer may be set on a target.');
  if (t.input !== undefined) {
    try {
      return JSON.parse(t.input);
    } catch {
      throw new EngineError('ValidationException', `Input is not valid JSON: ${t.input.slice(0, 80)}`);
    }
  }
  if (t.inputPath !== undefined) return readJsonPath(event, t.inputPath);
  if (!t.inputTransformer) return event;
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.ruleArn, 'aws.events.rule-name': rule.ruleName,
    'aws.events.event.ingestion-time': rule.ingestionTime, 'aws.events.event': event, 'aws.events.event.json': event,
  };
  for (const [name, path] of Object.entries(t.inputTransformer.inputPathsMap ?? {})) values[name] = readJsonPath(event, path);
  const text = fillTemplate(t.inputTransformer.inputTemplate, values);
  try {
    return JSON.parse(text);
  } catch {
    // A template that is not JSON (e.g. "Order <id> placed") is delivered as plain text.
    return text;
  }
}
