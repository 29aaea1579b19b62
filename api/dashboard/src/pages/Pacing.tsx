// Pacing: planned vs spent to date vs projected at period end, per budget period.
import { useMemo } from 'preact/hooks';
import { graphql } from '../gql';
import type { PacingQuery } from '../gql/graphql';
import { useQuery } from '../ui/useQuery';
import type { Range } from '../ui/range';
import { RangePicker } from '../ui/RangePicker';
import { Table, type Column } from '../ui/Table';
import { Chart } from '../ui/Chart';
import { fmtMoney, toNumber } from '../ui/format';

const PacingDoc = graphql(`
  query Pacing($range: DateRange!, $asOf: Date) {
    budgetPacing(range: $range, asOf: $asOf) {
      budgetId
      campaignName
      periodStart
      periodEnd
      planned
      spentToDate
      projected
      projectedRemaining
      elapsedDays
      totalDays
      status
    }
  }
`);

type Row = PacingQuery['budgetPacing'][number];

export function Pacing({ range }: { range: Range }) {
  // Spend is counted up to the range's last day (included).
  const q = useQuery(PacingDoc, { range, asOf: range.to });
  const rows = q.data?.budgetPacing;
  const option = useMemo(() => rows && chartOption(rows), [rows]);
  const columns: Column<Row>[] = [
    { label: 'Campaign', value: (r) => r.campaignName },
    { label: 'Period', value: (r) => `${r.periodStart}..${r.periodEnd}`, show: (r) => `${r.periodStart} – ${r.periodEnd}` },
    { label: 'Days', numeric: true, value: (r) => `${r.elapsedDays}/${r.totalDays}` },
    { label: 'Planned', numeric: true, value: (r) => r.planned, show: (r) => fmtMoney(r.planned) },
    { label: 'Spent to date', numeric: true, value: (r) => r.spentToDate, show: (r) => fmtMoney(r.spentToDate) },
    { label: 'Projected', numeric: true, value: (r) => r.projected, show: (r) => fmtMoney(r.projected) },
    { label: 'Status', value: (r) => r.status, show: (r) => <span class={`status status-${r.status}`}>{r.status.replace('_', ' ')}</span> },
  ];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Pacing</h1>
      <div class="controls">
        <RangePicker range={range} />
      </div>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {rows ? (
        <>
          {option && <Chart id="pacing-chart" label="Planned, spent and projected per budget period" option={option} height={Math.max(240, rows.length * 28 + 80)} />}
          <Table id="pacing-table" caption="Budget periods overlapping the range" columns={columns} rows={rows} csvName={`pacing-${range.from}-${range.to}.csv`} />
        </>
      ) : (
        !q.error && <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}

function chartOption(rows: Row[]) {
  const names = rows.map((r) => `${r.campaignName} ${r.periodStart.slice(0, 7)}`);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['Planned', 'Spent to date', 'Projected'] },
    grid: { left: 200, right: 30, top: 40, bottom: 30 },
    yAxis: { type: 'category', data: names, inverse: true },
    xAxis: { type: 'value' },
    series: [
      { name: 'Planned', type: 'bar', data: rows.map((r) => toNumber(r.planned)) },
      { name: 'Spent to date', type: 'bar', data: rows.map((r) => toNumber(r.spentToDate)) },
      { name: 'Projected', type: 'bar', data: rows.map((r) => toNumber(r.projected)) },
    ],
  };
}
