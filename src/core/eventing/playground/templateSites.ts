// Where a SAM template declares event resources, for CodeLens, hover and "Explain last match": every
// rule (pattern or schedule, resource or function event), queue, topic and bus, with its engine name,
// its flow node id and the lines it spans. Names come from readEventArchitecture, so they agree with the engine.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { intrinsicTags } from '../../sam/cfnTags';
import { readSamTemplate } from '../../sam/reader';
import { readEventArchitecture } from '../definitions';

/** One event definition in a template. */
export interface EventSite {
  kind: 'rule' | 'schedule' | 'queue' | 'topic' | 'bus';
  /** The engine's name (rule name, queue/topic/bus name). */
  name: string;
  /** Rules: the bus the rule listens on. */
  bus?: string;
  /** The Event Flow node id, as trace resources name it (`rule:default/placed`, `queue:orders`). */
  nodeId: string;
  /** 0-based line and column of the definition's key. */
  line: number;
  character: number;
  /** Rules with a pattern: the pattern, and the 0-based lines its key and value span. */
  pattern?: unknown;
  patternLines?: { start: number; end: number };
}

type Path = (string | number)[];

function nodeAt(root: unknown, path: Path): { key: Node; value: Node | null } | undefined {
  let node = root;
  let found: { key: Node; value: Node | null } | undefined;
  for (const step of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
    if (!pair) return undefined;
    found = { key: pair.key as Node, value: pair.value as Node | null };
    node = pair.value;
  }
  return found;
}

/** The template's event definitions, in template order; [] for text that is not a readable template. */
export function eventSites(text: string, file: string): EventSite[] {
  const { architecture } = readEventArchitecture(text, file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: intrinsicTags, lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) return [];
  const pos = (offset: number) => ({ line: lines.linePos(offset).line - 1, character: lines.linePos(offset).col - 1 });
  const sites: EventSite[] = [];
  const at = (path: Path) => nodeAt(doc.contents, ['Resources', ...path]);
  for (const rule of architecture.rules) {
    const path = (rule as { path?: Path }).path ?? [];
    const key = at(path)?.key;
    if (!key?.range) continue;
    const site: EventSite = { kind: rule.scheduleExpression ? 'schedule' : 'rule', name: rule.name, bus: rule.bus, nodeId: `rule:${rule.bus}/${rule.name}`, ...pos(key.range[0]) };
    if (rule.eventPattern !== undefined) {
      const patternKey = path.length === 1 ? [...path, 'Properties', 'EventPattern'] : [...path, 'Properties', 'Pattern'];
      const p = at(patternKey);
      site.pattern = rule.eventPattern;
      if (p?.key.range) {
        const end = p.value?.range?.[1] ?? p.key.range[1];
        // A block value's range ends after its last newline; the pattern's last line is the one before.
        site.patternLines = { start: pos(p.key.range[0]).line, end: pos(text[end - 1] === '\n' ? end - 1 : end).line };
      }
    }
    sites.push(site);
  }
  for (const queue of architecture.queues) {
    const key = at((queue as { path?: Path }).path ?? [])?.key;
    if (key?.range) sites.push({ kind: 'queue', name: queue.name, nodeId: `queue:${queue.name}`, ...pos(key.range[0]) });
  }
  // Topics and buses are read in resource order, so the n-th resource of the type is the n-th name.
  const resources = nodeAt(doc.contents, ['Resources'])?.value;
  const ofType = (type: string) => (isMap(resources) ? resources.items.filter((p) => isMap(p.value) && (p.value.get('Type') as unknown) === type).map((p) => p.key as Node) : []);
  const named = (kind: 'topic' | 'bus', names: string[], type: string) =>
    ofType(type).forEach((key, i) => names[i] !== undefined && key.range && sites.push({ kind, name: names[i] as string, nodeId: `${kind}:${names[i]}`, ...pos(key.range[0]) }));
  named('topic', architecture.topics, 'AWS::SNS::Topic');
  named('bus', architecture.buses, 'AWS::Events::EventBus');
  return sites.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** The definition diagnostics of a template, without the function ones the run feature already reports. */
export function eventDiagnostics(text: string, file: string): ReturnType<typeof readEventArchitecture>['diagnostics'] {
  // readEventArchitecture lists the SAM reader's diagnostics first; the run feature publishes those.
  return readEventArchitecture(text, file).diagnostics.slice(readSamTemplate(text, file).diagnostics.length);
}
