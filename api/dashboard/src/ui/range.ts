// The date range of the report pages, kept in the URL (?from=&to=), and its previous period.
import { setParams } from './route';

export interface Range {
  from: string;
  to: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
export const daysIn = (r: Range) =>
  Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000) + 1;

/** Yesterday in the browser's calendar: the last complete day. */
export function yesterday(): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function rangeOf(params: URLSearchParams): Range {
  const to = params.get('to') ?? '';
  const from = params.get('from') ?? '';
  const end = DAY.test(to) ? to : yesterday();
  const start = DAY.test(from) && from <= end ? from : addDays(end, -29);
  return { from: start, to: end };
}

/** The period of the same length just before `r`. */
export function previousOf(r: Range): Range {
  const n = daysIn(r);
  return { from: addDays(r.from, -n), to: addDays(r.from, -1) };
}

export function setRange(r: Range) {
  setParams({ from: r.from, to: r.to });
}
