// Numbers as event-ruler compares them (ComparableNumber): a JSON number takes part in numeric
// matching only when its exact decimal value survives the trip through a double. Others (an
// account id like 123456789012345678901, or 0.10000000000000001) only match their own spelling.

const jsonNumberRe = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Sign, significant digits (no leading/trailing zeros) and exponent of a decimal literal. */
function canonicalDecimal(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const digits = `${m[2]}${m[3] ?? ''}`;
  let exp = Number(m[4] ?? 0) + (m[2]?.length ?? 0);
  let start = 0;
  while (start < digits.length && digits[start] === '0') {
    start++;
    exp--;
  }
  let end = digits.length;
  while (end > start && digits[end - 1] === '0') end--;
  if (start === end) return '0';
  return `${m[1] === '-' ? '-' : ''}${digits.slice(start, end)}e${exp}`;
}

/**
 * The double a JSON number literal compares as, or undefined when it is not comparable
 * (not finite, or not exactly representable as the shortest double spelling).
 */
export function comparableNumber(text: string): number | undefined {
  if (!jsonNumberRe.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (canonicalDecimal(text) !== canonicalDecimal(String(value))) return undefined;
  // -0 and 0 are the same number to EventBridge.
  return value === 0 ? 0 : value;
}
