// String matchers compiled to anchored regular expressions, with event-ruler's rules for
// `wildcard` escapes and for `equals-ignore-case` (each pattern character may appear as its
// lower-case or its upper-case form, so "straße" matches "STRASSE" but "STRASSE" does not
// match "straße").

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Regex source matching one pattern character's lower- or upper-case form, as event-ruler does per UTF-16 unit. */
function caseFolded(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Java encodes a lone surrogate as "?", so a character outside the BMP only matches "??".
    const c = unit >= 0xd800 && unit <= 0xdfff ? '?' : text.charAt(i);
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    out += lower === upper ? escapeRegExp(lower) : `(?:${escapeRegExp(lower)}|${escapeRegExp(upper)})`;
  }
  return out;
}

/** Which ends of the value a case-insensitive pattern is anchored to. */
export type Anchor = 'whole' | 'prefix' | 'suffix';

/** Compiles an equals-ignore-case comparison (whole value, prefix or suffix). */
export function ignoreCaseRegExp(text: string, anchor: Anchor): RegExp {
  const body = caseFolded(text);
  return new RegExp(anchor === 'whole' ? `^${body}$` : anchor === 'prefix' ? `^${body}` : `${body}$`);
}

/** A compiled wildcard: the literal pieces between the stars. */
export interface Wildcard {
  pieces: string[];
}

/** Compiles a wildcard pattern, or returns why it is invalid (event-ruler's escape and "**" rules). */
export function compileWildcard(text: string): Wildcard | string {
  const pieces: string[] = [''];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '*') {
      if (text.charAt(i + 1) === '*') return `consecutive wildcard characters at position ${i}: use a single "*"`;
      pieces.push('');
    } else if (c === '\\') {
      const next = text.charAt(i + 1);
      if (next !== '*' && next !== '\\') return `invalid escape character at position ${i}: only "\\*" and "\\\\" are allowed`;
      pieces[pieces.length - 1] += next;
      i++;
    } else {
      pieces[pieces.length - 1] += c;
    }
  }
  return { pieces };
}

/** Greedy wildcard match in linear time (no regex backtracking, whatever the learner writes). */
export function wildcardMatches(w: Wildcard, value: string): boolean {
  const { pieces } = w;
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
