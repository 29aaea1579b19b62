// Channels: performance per channel (or another dimension) over a range, against the
// previous period, with totals, a time series and live updates.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChannelsQuery, ChannelsQueryVariables, Dimension, AttributionModel } from '../gql/graphql';
import { ChannelsDoc } from './channels';
import { liveChannelsDoc } from './channelsLive';
import { subscribe } from '../api/live';
import { session } from '../api/session';
import { useQuery } from '../ui/useQuery';
import { setParams } from '../ui/route';
import { daysIn, previousOf, type Range } from '../ui/range';
import { RangePicker } from '../ui/RangePicker';
import { Table, type Column } from '../ui/Table';
import { Chart } from '../ui/Chart';
import { fmtChange, fmtInt, fmtMoney, fmtPct, fmtRatio, toNumber } from '../ui/format';
import { MODELS } from './models';

type Report = ChannelsQuery['performance'];
type Row = Report['rows'][number];
type Metric = Exclude<keyof Row['metrics'], '__typename'>;

const DIMENSIONS: [Dimension, string][] = [
  ['CHANNEL', 'Channel'],
  ['CAMPAIGN', 'Campaign'],
  ['UTM_SOURCE', 'UTM source'],
  ['UTM_MEDIUM', 'UTM medium'],
  ['UTM_CAMPAIGN', 'UTM campaign'],
];

const METRICS: [Metric, string, (v: string | number | null | undefined) => string][] = [
  ['leads', 'Leads', fmtInt],
  ['conversions', 'Conversions', fmtRatio],
  ['revenue', 'Revenue', fmtMoney],
  ['spend', 'Spend', fmtMoney],
  ['roi', 'ROI', fmtRatio],
  ['roas', 'ROAS', fmtRatio],
  ['cpl', 'CPL', fmtMoney],
  ['cac', 'CAC', fmtMoney],
  ['conversionRate', 'Conversion rate', fmtPct],
];

const granularityOf = (r: Range) => (daysIn(r) <= 62 ? 'DAY' : daysIn(r) <= 370 ? 'WEEK' : 'MONTH');

export function Channels({ range, params }: { range: Range; params: URLSearchParams }) {
  const dimension = (params.get('dim') as Dimension) ?? 'CHANNEL';
  const attribution = (params.get('model') as AttributionModel) ?? 'FIRST_TOUCH';
  const variables: ChannelsQueryVariables = {
    range,
    compareTo: previousOf(range),
    dimension,
    attribution,
    granularity: granularityOf(range),
  };
  const q = useQuery(ChannelsDoc, variables);
  const [pushed, setPushed] = useState<{ key: string; report: Report } | null>(null);
  const [liveState, setLiveState] = useState<'connecting' | 'live' | 'off'>('connecting');
  const key = JSON.stringify(variables);
  const token = session()?.accessToken;
  useEffect(() => {
    setLiveState('connecting');
    return subscribe(
      liveChannelsDoc,
      variables,
      (data) => {
        setPushed({ key, report: data.performanceUpdates });
        setLiveState('live');
      },
      () => setLiveState('off'),
    );
  }, [key, token]);
  // The newest answer for these arguments: a push, or the query's.
  const report = pushed?.key === key ? pushed.report : q.data?.performance;
  const option = useMemo(() => report && seriesOption(report), [report]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Channels</h1>
      <div class="controls">
        <RangePicker range={range} />
        <label>
          Dimension
          <select name="dimension" value={dimension} onChange={(e) => setParams({ dim: (e.target as HTMLSelectElement).value })}>
            {DIMENSIONS.map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Attribution
          <select name="model" value={attribution} onChange={(e) => setParams({ model: (e.target as HTMLSelectElement).value })}>
            {MODELS.map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </label>
        <span class={`live live-${liveState}`} role="status" data-testid="live-state">
          {liveState === 'live' ? 'Live' : liveState === 'connecting' ? 'Connecting…' : 'Not live'}
        </span>
      </div>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {report ? (
        <>
          <p class="note">
            {report.range.from} – {report.range.to}, compared with {report.compareTo?.from} – {report.compareTo?.to}.
            Amounts in {report.currency}.
          </p>
          <PerformanceTable report={report} dimension={dimension} />
          {option && <Chart id="channels-chart" label="Revenue, spend and leads over time" option={option} />}
        </>
      ) : (
        !q.error && <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}

function PerformanceTable({ report, dimension }: { report: Report; dimension: Dimension }) {
  const label = DIMENSIONS.find(([d]) => d === dimension)?.[1] ?? 'Row';
  const columns: Column<Row>[] = [
    { label, value: (r) => r.label },
    ...METRICS.map(
      ([m, name, fmt]): Column<Row> => ({
        label: name,
        numeric: true,
        value: (r) => r.metrics[m],
        show: (r) => {
          const rel = r.change?.[m]?.relative;
          return (
            <>
              {fmt(r.metrics[m])}
              {rel != null && (
                <small class={toNumber(rel) >= 0 ? 'up' : 'down'} title="change vs the previous period">
                  {' '}
                  {fmtChange(rel)}
                </small>
              )}
            </>
          );
        },
      }),
    ),
  ];
  const totals: Row = { key: 'total', label: 'Total', metrics: report.totals, change: report.change };
  return (
    <Table
      id="performance-table"
      caption={`Performance by ${label.toLowerCase()}, change vs the previous period`}
      columns={columns}
      rows={report.rows}
      footer={totals}
      csvName={`performance-${report.range.from}-${report.range.to}.csv`}
    />
  );
}

function seriesOption(report: Report) {
  const buckets = report.series ?? [];
  const x = buckets.map((b) => b.from);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Revenue', 'Spend', 'Leads'] },
    grid: { left: 60, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: x },
    yAxis: [
      { type: 'value', name: report.currency },
      { type: 'value', name: 'Leads' },
    ],
    series: [
      { name: 'Revenue', type: 'line', data: buckets.map((b) => toNumber(b.totals.revenue)) },
      { name: 'Spend', type: 'line', data: buckets.map((b) => toNumber(b.totals.spend)) },
      { name: 'Leads', type: 'bar', yAxisIndex: 1, data: buckets.map((b) => b.totals.leads), itemStyle: { opacity: 0.35 } },
    ],
  };
}
