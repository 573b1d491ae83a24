// Number formatting and rounding helpers shared by the calculator's formulas, the CLI and the panel.
// Money stays at full precision everywhere; only these helpers round, and only for display.

/** Rounds `value` up to a multiple of `step`; the epsilon keeps 200.0000000001 from billing as 300. */
export function ceilTo(value: number, step: number): number {
  if (value <= 0) return 0;
  return Math.ceil(value / step - 1e-9) * step;
}

/** Arithmetic mean (0 for an empty list). */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Money for display: cents from one cent up, otherwise enough significant digits to be non-zero. */
export function fmtUsd(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs >= 0.01) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${sign}$${abs.toPrecision(3)}`;
}

/** A unit price exactly as published (no rounding). */
export function fmtPrice(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 12 })}`;
}

/** A quantity with thousands separators and at most `digits` decimals. */
export function fmtNum(value: number, digits = 3): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
