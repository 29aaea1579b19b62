// A data table with a caption and a CSV download of exactly its raw values.
import type { ComponentChildren } from 'preact';
import { downloadCsv, type Cell } from './csv';

export interface Column<R> {
  label: string;
  /** The raw value (exported to CSV). */
  value: (r: R) => Cell;
  /** What the cell shows; defaults to the raw value. */
  show?: (r: R) => ComponentChildren;
  numeric?: boolean;
}

interface Props<R> {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: R[];
  footer?: R;
  csvName: string;
}

export function Table<R>({ id, caption, columns, rows, footer, csvName }: Props<R>) {
  const csv = () => {
    const all = footer ? [...rows, footer] : rows;
    downloadCsv(csvName, columns.map((c) => c.label), all.map((r) => columns.map((c) => c.value(r))));
  };
  const raw = (c: Column<R>, r: R) => String(c.value(r) ?? '');
  const cell = (c: Column<R>, r: R) => (c.show ? c.show(r) : (c.value(r) ?? '–'));
  return (
    <div class="table-wrap">
      <div class="table-tools">
        <button type="button" onClick={csv} data-testid={`${id}-csv`}>
          Download CSV
        </button>
      </div>
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : ''}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>No data in this range.</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row">{cell(c, r)}</th>
                ) : (
                  <td class={c.numeric ? 'num' : ''} data-value={raw(c, r)}>
                    {cell(c, r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row">{cell(c, footer)}</th>
                ) : (
                  <td class={c.numeric ? 'num' : ''} data-col={c.label} data-value={raw(c, footer)}>
                    {cell(c, footer)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
