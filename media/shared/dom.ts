// DOM and theme helpers shared by the webview pages (each page bundles its own copy).
// Every text goes through text nodes, never innerHTML, so model strings are inert.

/** Creates an element with optional attributes and children (strings become text nodes; undefined is skipped). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== undefined) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Reads a theme colour VS Code sets on the body; falls back to `fallbackVar`, then the text colour, so nothing is hard-coded. */
export function cssVar(name: string, fallbackVar?: string): string {
  const style = getComputedStyle(document.body);
  return style.getPropertyValue(name).trim() || (fallbackVar ? style.getPropertyValue(fallbackVar).trim() : '') || style.color;
}
