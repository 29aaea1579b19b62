// Budget: budgetSuggestions with, per channel with spend, its fitted weekly response curve, the weekly
// points, the current and suggested weekly spend on it, the reason, and editable constraints.
import { useState } from 'preact/hooks';
import { graphql } from '../gql';
import type { AttributionModel, BudgetQuery, BudgetQueryVariables, ChannelConstraint } from '../gql/graphql';
import { useQuery } from '../ui/useQuery';
import type { Range } from '../ui/range';
import { RangePicker } from '../ui/RangePicker';
import { Table, type Column } from '../ui/Table';
import { Chart } from '../ui/Chart';
import { fmtChange, fmtMoney, fmtRatio, toNumber } from '../ui/format';
import { MODELS } from './models';

const BudgetDoc = graphql(`
  query Budget(
    $range: DateRange!
    $totalBudget: Decimal
    $attribution: AttributionModel!
    $constraints: [ChannelConstraint!]
    $maxChangePct: Float!
  ) {
    budgetSuggestions(
      range: $range
      totalBudget: $totalBudget
      attribution: $attribution
      constraints: $constraints
      maxChangePct: $maxChangePct
    ) {
      currency
      totalBudget
      totalCurrent
      totalSuggested
      expectedRevenueNow
      expectedRevenueAtSuggestion
      liftPct
      profitMaximizing { totalBudget expectedRevenue expectedProfit }
      suggestions {
        key
        label
        channel { id }
        currentSpend
        suggestedSpend
        change
        changePct
        currentRoi
        marginalRoiNow
        marginalRoiAtSuggestion
        currentWeeklySpend
        suggestedWeeklySpend
        fit { kind rSquared points }
        keptBecause
        bound
        reason
        weeklyPoints { spend revenue }
        curve { weeklySpend weeklyRevenue }
        currentOnCurve { weeklySpend weeklyRevenue }
        suggestedOnCurve { weeklySpend weeklyRevenue }
      }
    }
  }
`);

type Plan = BudgetQuery['budgetSuggestions'];
type Suggestion = Plan['suggestions'][number];
interface Edit {
  exclude: boolean;
  locked: boolean;
  min: string;
  max: string;
}

const NO_EDIT: Edit = { exclude: false, locked: false, min: '', max: '' };

export function Budget({ range }: { range: Range }) {
  const [form, setForm] = useState({ total: '', attribution: 'MARKOV' as AttributionModel, cap: '30' });
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [applied, setApplied] = useState<BudgetQueryVariables>({ range, attribution: 'MARKOV', maxChangePct: 30, constraints: null, totalBudget: null });
  const q = useQuery(BudgetDoc, { ...applied, range });
  const plan = q.data?.budgetSuggestions;

  const apply = (e: Event) => {
    e.preventDefault();
    const constraints: ChannelConstraint[] = Object.entries(edits)
      .filter(([, c]) => c.exclude || c.locked || c.min || c.max)
      .map(([channelId, c]) => ({ channelId, exclude: c.exclude, locked: c.locked, minSpend: c.min || null, maxSpend: c.max || null }));
    setApplied({
      range,
      attribution: form.attribution,
      maxChangePct: Number(form.cap) || 30,
      totalBudget: form.total.trim() || null,
      constraints: constraints.length ? constraints : null,
    });
  };
  const edit = (id: string, change: Partial<Edit>) =>
    setEdits((all) => ({ ...all, [id]: { ...(all[id] ?? NO_EDIT), ...change } }));

  // Channels excluded by the applied plan are not among its suggestions: keep them listed.
  const [names, setNames] = useState<Record<string, string>>({});
  const shown = new Set(plan?.suggestions.map((x) => x.channel?.id));
  const excluded = Object.entries(edits)
    .filter(([id, c]) => c.exclude && !shown.has(id))
    .map(([id]): [string, string] => [id, names[id] ?? id]);
  const remember = (s: Suggestion) => s.channel && names[s.channel.id] !== s.label && setNames((n) => ({ ...n, [s.channel!.id]: s.label }));

  const columns: Column<Suggestion>[] = [
    { label: 'Channel', value: (s) => s.label },
    { label: 'Current spend', numeric: true, value: (s) => s.currentSpend, show: (s) => fmtMoney(s.currentSpend) },
    { label: 'Suggested spend', numeric: true, value: (s) => s.suggestedSpend, show: (s) => fmtMoney(s.suggestedSpend) },
    { label: 'Change', numeric: true, value: (s) => s.change, show: (s) => `${fmtMoney(s.change)} (${fmtChange(s.changePct == null ? null : toNumber(s.changePct) / 100) || '–'})` },
    { label: 'Current ROI', numeric: true, value: (s) => s.currentRoi, show: (s) => fmtRatio(s.currentRoi) },
    { label: 'Marginal ROI now', numeric: true, value: (s) => s.marginalRoiNow, show: (s) => fmtRatio(s.marginalRoiNow) },
    { label: 'Marginal ROI at suggestion', numeric: true, value: (s) => s.marginalRoiAtSuggestion, show: (s) => fmtRatio(s.marginalRoiAtSuggestion) },
    { label: 'Bound', value: (s) => s.bound ?? '' },
    { label: 'Reason', value: (s) => s.reason },
  ];

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Budget</h1>
      <form class="controls" onSubmit={apply}>
        <RangePicker range={range} />
        <label>
          Total budget
          <input name="totalBudget" inputMode="decimal" placeholder="current spend" value={form.total} onInput={(e) => setForm({ ...form, total: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          Attribution
          <select name="attribution" value={form.attribution} onChange={(e) => setForm({ ...form, attribution: (e.target as HTMLSelectElement).value as AttributionModel })}>
            {MODELS.map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Change cap (%)
          <input name="maxChangePct" type="number" min="0" max="1000" step="1" value={form.cap} onInput={(e) => setForm({ ...form, cap: (e.target as HTMLInputElement).value })} />
        </label>
        <button type="submit">Recompute</button>
      </form>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {plan ? (
        <>
          <p class="note">
            Total {fmtMoney(plan.totalSuggested)} {plan.currency} (now {fmtMoney(plan.totalCurrent)}); modelled revenue{' '}
            {fmtMoney(plan.expectedRevenueNow)} → {fmtMoney(plan.expectedRevenueAtSuggestion)}
            {plan.liftPct != null && ` (${fmtChange(toNumber(plan.liftPct) / 100)})`}.
            {plan.profitMaximizing &&
              ` The profit-maximising total is ${fmtMoney(plan.profitMaximizing.totalBudget)}: modelled revenue ${fmtMoney(plan.profitMaximizing.expectedRevenue)}, profit ${fmtMoney(plan.profitMaximizing.expectedProfit)}.`}
          </p>
          <Table id="budget-table" caption="Suggested spend per channel with spend in the range" columns={columns} rows={plan.suggestions} csvName={`budget-${range.from}-${range.to}.csv`} />
          <h2>Response curves and constraints</h2>
          <div class="cards">
            {plan.suggestions.map((s) => (
              <SuggestionCard s={s} currency={plan.currency} edit={edits[s.channel?.id ?? ''] ?? NO_EDIT} onEdit={(c) => {
                  remember(s);
                  if (s.channel) edit(s.channel.id, c);
                }} />
            ))}
          </div>
          {excluded.length > 0 && (
            <fieldset>
              <legend>Excluded from the plan</legend>
              {excluded.map(([id, name]) => (
                <label>
                  <input type="checkbox" checked onChange={() => edit(id, { exclude: false })} /> {name}
                </label>
              ))}
            </fieldset>
          )}
          <p class="note">Constraints apply to spend over the whole range; press Recompute to plan with them.</p>
        </>
      ) : (
        !q.error && <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}

function SuggestionCard({ s, currency, edit, onEdit }: { s: Suggestion; currency: string; edit: Edit; onEdit: (c: Partial<Edit>) => void }) {
  const id = s.key.replace(/[^a-z0-9]/gi, '-');
  return (
    <article class="card" aria-labelledby={`${id}-title`} data-testid="budget-card">
      <h3 id={`${id}-title`}>{s.label}</h3>
      <Chart id={`curve-${id}`} label={`Weekly response curve of ${s.label}`} option={curveOption(s, currency)} height={220} />
      <p class="reason">{s.reason}</p>
      {s.fit && (
        <p class="note">
          {s.fit.kind === 'HILL' ? 'Hill' : 'Power law'} fit on {s.fit.points} weeks, R² {fmtRatio(s.fit.rSquared)}.
        </p>
      )}
      <fieldset class="constraint">
        <legend>Constraints for {s.label}</legend>
        <label>
          <input type="checkbox" checked={edit.exclude} onChange={(e) => onEdit({ exclude: (e.target as HTMLInputElement).checked })} /> Exclude from the plan
        </label>
        <label>
          <input type="checkbox" checked={edit.locked} onChange={(e) => onEdit({ locked: (e.target as HTMLInputElement).checked })} /> Lock spend
        </label>
        <label>
          Min spend
          <input inputMode="decimal" value={edit.min} onInput={(e) => onEdit({ min: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          Max spend
          <input inputMode="decimal" value={edit.max} onInput={(e) => onEdit({ max: (e.target as HTMLInputElement).value })} />
        </label>
      </fieldset>
    </article>
  );
}

function curveOption(s: Suggestion, currency: string) {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 55, right: 15, top: 15, bottom: 50 },
    xAxis: { type: 'value', name: `spend/wk`, nameLocation: 'middle', nameGap: 22, scale: false },
    yAxis: { type: 'value', name: currency },
    series: [
      { name: 'Fitted curve', type: 'line', showSymbol: false, data: s.curve.map((c) => [c.weeklySpend, c.weeklyRevenue]) },
      { name: 'Weeks', type: 'scatter', symbolSize: 6, data: s.weeklyPoints.map((p) => [toNumber(p.spend), toNumber(p.revenue)]) },
      { name: 'Current', type: 'scatter', symbol: 'diamond', symbolSize: 14, data: onCurve(s.currentOnCurve, s.currentWeeklySpend) },
      { name: 'Suggested', type: 'scatter', symbol: 'triangle', symbolSize: 14, data: onCurve(s.suggestedOnCurve, s.suggestedWeeklySpend) },
    ],
  };
}

/** A marker on the curve; without a fit, a marker on the spend axis. */
function onCurve(p: { weeklySpend: number; weeklyRevenue: number } | null | undefined, spend: string) {
  return p ? [[p.weeklySpend, p.weeklyRevenue]] : [[toNumber(spend), 0]];
}
