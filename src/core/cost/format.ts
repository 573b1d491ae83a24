// Number formatting and rounding helpers shared by the calculator's formulas, the CLI and the panel.
// Money stays at full precision everywhere; only these helpers round, and only for display.

/**
 * Rounds `value` up to a multiple of `step`. A quotient within 1e-9 of a whole multiple counts as that
 * multiple, so float noise (200.00000000001 ms) does not bill an extra step; any real run bills at least one.
 */
export function ceilTo(value: number, step: number): number {
  if (value <= 0) return 0;
  const q = value / step;
  const whole = Math.round(q);
  return (whole > 0 && Math.abs(q - whole) < 1e-9 ? whole : Math.ceil(q)) * step;
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
  // Three significant digits in plain notation (learners read $0.000000123, not $1.23e-7).
  return `${sign}$${abs.toFixed(Math.min(20, 2 - Math.floor(Math.log10(abs))))}`;
}

/** A unit price exactly as published (no rounding). */
export function fmtPrice(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 12 })}`;
}

/** A quantity with thousands separators and at most `digits` decimals. */
export function fmtNum(value: number, digits = 3): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
