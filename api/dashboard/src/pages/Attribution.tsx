// Attribution: every model side by side per channel, with the spread between them.
import { useMemo } from 'preact/hooks';
import { graphql } from '../gql';
import type { AttributionComparisonQuery } from '../gql/graphql';
import { useQuery } from '../ui/useQuery';
import type { Range } from '../ui/range';
import { RangePicker } from '../ui/RangePicker';
import { Table, type Column } from '../ui/Table';
import { Chart } from '../ui/Chart';
import { fmtMoney, fmtRatio, toNumber } from '../ui/format';
import { MODELS } from './models';

const AttributionDoc = graphql(`
  query AttributionComparison($range: DateRange!, $models: [AttributionModel!]!) {
    attributionComparison(range: $range, models: $models) {
      conversions
      revenue
      models
      channels {
        label
        minConversions
        maxConversions
        minRevenue
        maxRevenue
        credits { model conversions revenue share }
      }
    }
  }
`);

type Comparison = AttributionComparisonQuery['attributionComparison'];
type Row = Comparison['channels'][number];

export function Attribution({ range }: { range: Range }) {
  const q = useQuery(AttributionDoc, { range, models: MODELS.map(([m]) => m) });
  const report = q.data?.attributionComparison;
  const option = useMemo(() => report && chartOption(report), [report]);
  const name = (m: string) => MODELS.find(([k]) => k === m)?.[1] ?? m;
  const columns: Column<Row>[] = report
    ? [
        { label: 'Channel', value: (r) => r.label },
        ...report.models.map(
          (m): Column<Row> => ({
            label: `${name(m)} (conv.)`,
            numeric: true,
            value: (r) => r.credits.find((c) => c.model === m)?.conversions,
            show: (r) => fmtRatio(r.credits.find((c) => c.model === m)?.conversions),
          }),
        ),
        {
          label: 'Spread (conv.)',
          numeric: true,
          value: (r) => (toNumber(r.maxConversions) - toNumber(r.minConversions)).toFixed(6),
          show: (r) => `${fmtRatio(r.minConversions)} – ${fmtRatio(r.maxConversions)}`,
        },
        {
          label: 'Spread (revenue)',
          numeric: true,
          value: (r) => `${r.minRevenue}..${r.maxRevenue}`,
          show: (r) => `${fmtMoney(r.minRevenue)} – ${fmtMoney(r.maxRevenue)}`,
        },
      ]
    : [];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Attribution</h1>
      <div class="controls">
        <RangePicker range={range} />
      </div>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {report ? (
        <>
          <p class="note">
            {fmtRatio(report.conversions)} conversions, {fmtMoney(report.revenue)} revenue, credited by each model.
            The spread is the lowest and highest credit a channel gets across models.
          </p>
          {option && <Chart id="attribution-chart" label="Conversions credited per channel by each model" option={option} height={380} />}
          <Table
            id="attribution-table"
            caption="Conversions credited per channel by model, and the spread"
            columns={columns}
            rows={report.channels}
            csvName={`attribution-${range.from}-${range.to}.csv`}
          />
        </>
      ) : (
        !q.error && <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}

function chartOption(report: Comparison) {
  const channels = report.channels.map((c) => c.label);
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll' },
    grid: { left: 50, right: 20, top: 50, bottom: 70 },
    xAxis: { type: 'category', data: channels, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', name: 'Conversions' },
    series: report.models.map((m) => ({
      name: MODELS.find(([k]) => k === m)?.[1] ?? m,
      type: 'bar',
      data: report.channels.map((c) => toNumber(c.credits.find((x) => x.model === m)?.conversions)),
    })),
  };
}
