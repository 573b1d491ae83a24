// Finds file locations in Node.js and Python stack-trace lines so the panel can make them clickable.

/** A location in a stack frame (1-based line and column). */
export interface FrameLocation {
  file: string;
  line: number;
  column: number;
  /** Offset and length of the location text inside the line, for rendering a link. */
  start: number;
  length: number;
}

const NODE_FRAME = /(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^():]*?):(\d+):(\d+)/;
const PYTHON_FRAME = /File "([^"]+)", line (\d+)/;

/** The location in one stack line, or undefined (node internals and non-file frames are skipped). */
export function parseFrame(text: string): FrameLocation | undefined {
  const py = PYTHON_FRAME.exec(text);
  if (py) return { file: py[1], line: Number(py[2]), column: 1, start: py.index, length: py[0].length };
  const node = NODE_FRAME.exec(text);
  if (node && !text.includes('node:internal')) {
    return { file: decodeURIComponent(node[1]), line: Number(node[2]), column: Number(node[3]), start: node.index, length: node[0].length };
  }
  return undefined;
}

/** Splits stack entries into lines (Python's entries may hold several). */
export function stackLines(stackTrace: readonly string[] | undefined): string[] {
  return (stackTrace ?? []).flatMap((s) => s.split('\n')).filter((l) => l.trim().length > 0);
}
