// The playground's result document: the verdict and the field-by-field explanation, or the problem
// that stops matching, and which recent events the pattern would have matched.
import { formatExplanation } from '../patterns/format';
import type { Explanation } from '../patterns';

/** One event from the engine's recent history, as the result lists it. */
export interface RecentEventLine {
  /** Short description (e.g. `12:01:05 shop.orders / OrderPlaced on default`). */
  label: string;
  matched: boolean;
}

/** What the result document shows. */
export interface PlaygroundResult {
  /** The pattern's problem (the diagnostic says where). */
  patternProblem?: string;
  eventProblem?: string;
  explanation?: Explanation;
  /** Set after "Try against recent events": undefined means not run. */
  recent?: { lines: RecentEventLine[]; note?: string };
}

/** Renders the result as plain text (a read-only document beside the editors). */
export function renderResult(result: PlaygroundResult): string {
  const out: string[] = [];
  if (result.patternProblem) out.push('INVALID PATTERN', '', `  ${result.patternProblem}`, '', '  The pattern editor marks the place.');
  else if (result.eventProblem) out.push('INVALID EVENT', '', `  ${result.eventProblem}`);
  else if (result.explanation) {
    const [verdict, ...lines] = formatExplanation(result.explanation).trimEnd().split('\n');
    out.push(verdict === 'true' ? 'MATCHED ✓' : 'NOT MATCHED ✗', '', 'Why, condition by condition:', ...lines);
  }
  if (result.recent) {
    const hits = result.recent.lines.filter((l) => l.matched).length;
    out.push('', `Recent events: ${hits} of ${result.recent.lines.length} would have matched`);
    if (result.recent.note) out.push(`  ${result.recent.note}`);
    for (const line of result.recent.lines) out.push(`  ${line.matched ? '✓' : '·'} ${line.label}`);
  }
  return `${out.join('\n')}\n`;
}
