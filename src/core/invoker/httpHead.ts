// HTTP/1.1 head parsing shared by the Runtime API server (host) and the runtime's client (sandbox).
// Both sit on the warm hot path, so a head is one latin1 string scanned by index: no split() arrays,
// no per-line copies, no trim() allocations, and header names lower-cased once per spelling.
// Imported by the sandbox bootstrap too: keep it free of Node imports beyond Buffer.

/** The blank line that ends a head. */
export const HEAD_END = Buffer.from('\r\n\r\n');
/** A shared empty buffer (parsers reset to it instead of allocating). */
export const EMPTY_BUFFER = Buffer.alloc(0);

const names = new Map<string, string>();

/** The lower-case, trimmed form of a raw header name, cached: a client repeats the same few names. */
export function headerName(raw: string): string {
  let name = names.get(raw);
  if (name === undefined) {
    name = raw.trim().toLowerCase();
    if (names.size < 512) names.set(raw, name);
  }
  return name;
}

/**
 * Parses the header lines of `head` (a whole head without its final blank line) that start after
 * index `from` (the end of the start line). Names are lower-cased; values lose surrounding spaces
 * and tabs; a repeated name keeps its last value.
 */
export function parseHeaders(head: string, from: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = from + 2, eol = from; i < head.length; i = eol + 2) {
    eol = head.indexOf('\r\n', i);
    if (eol < 0) eol = head.length;
    const c = head.indexOf(':', i);
    if (c <= i || c > eol) continue;
    let v = c + 1;
    while (v < eol && isBlank(head.charCodeAt(v))) v++;
    let e = eol;
    while (e > v && isBlank(head.charCodeAt(e - 1))) e--;
    headers[headerName(head.slice(i, c))] = head.slice(v, e);
  }
  return headers;
}

/** Where the start line of `head` ends (its first CRLF, or the end of a head without headers). */
export function startLineEnd(head: string): number {
  const eol = head.indexOf('\r\n');
  return eol < 0 ? head.length : eol;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
