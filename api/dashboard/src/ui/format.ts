// Display formats. Amounts arrive as exact decimal strings; they are only rounded for display.
const money = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ratio = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

type Num = string | number | null | undefined;
const num = (v: Num): number | null => (v == null || v === '' ? null : Number(v));

export const fmtMoney = (v: Num) => (num(v) == null ? '–' : money.format(num(v)!));
export const fmtInt = (v: Num) => (num(v) == null ? '–' : whole.format(num(v)!));
export const fmtRatio = (v: Num) => (num(v) == null ? '–' : ratio.format(num(v)!));
/** A fraction (0.25 → 25.0%). */
export const fmtPct = (v: Num) => (num(v) == null ? '–' : pct.format(num(v)!));
/** A relative change as a fraction, signed (0.1 → +10.0%). */
export const fmtChange = (v: Num) => {
  const n = num(v);
  if (n == null) return '';
  return `${n > 0 ? '+' : ''}${pct.format(n)}`;
};
export const toNumber = (v: Num): number => num(v) ?? 0;
