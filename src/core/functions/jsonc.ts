// JSONC parsing with positioned problems, shared by functions.json and saved event files.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A problem at a position (zero-based line/character) in a config or event file. */
export interface PositionedProblem {
  message: string;
  line: number;
  character: number;
  length: number;
  severity: 'error' | 'warning';
}

/** Maps offsets in `text` to zero-based line/character positions. */
export function locator(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** Parses JSONC text; syntax errors come back positioned (comments and trailing commas allowed). */
export function parseJsoncWithProblems(text: string): { root?: Node; problems: PositionedProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const at = locator(text);
  const problems = errors.map((e) => ({ message: `JSON syntax error: ${printParseErrorCode(e.error)}.`, ...at(e.offset), length: Math.max(1, e.length), severity: 'error' as const }));
  return { root, problems };
}
