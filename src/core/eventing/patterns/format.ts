// Plain-text explanations, shared by `events match --explain` and the pattern playground.
import { stringifyJson } from './json';
import type { Explanation } from './types';

/** Formats an explanation: the verdict, then one line per condition (`$or` branches numbered from 1). */
export function formatExplanation(e: Explanation): string {
  const lines = [String(e.matched)];
  let branch: number | undefined;
  for (const leaf of e.leaves) {
    if (leaf.branch !== undefined && leaf.branch !== branch) {
      branch = leaf.branch;
      lines.push(`  $or branch ${branch + 1}:`);
    }
    const indent = leaf.branch === undefined ? '  ' : '    ';
    const actual = leaf.actual === undefined ? 'absent' : stringifyJson(leaf.actual);
    lines.push(`${indent}${leaf.matched ? '✓' : '✗'} ${leaf.path}: ${leaf.condition}  event: ${actual}${leaf.note ? `  (${leaf.note})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
