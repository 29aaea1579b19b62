// Date range picker: two labelled date inputs and presets ending on the chosen end date.
import { addDays, setRange, yesterday, type Range } from './range';

const PRESETS: [string, number][] = [
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['12 months', 365],
];

export function RangePicker({ range }: { range: Range }) {
  return (
    <fieldset class="range">
      <legend>Date range</legend>
      <label>
        From
        <input
          type="date"
          name="from"
          value={range.from}
          max={range.to}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            if (v && v <= range.to) setRange({ ...range, from: v });
          }}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          value={range.to}
          min={range.from}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            if (v && v >= range.from) setRange({ ...range, to: v });
          }}
        />
      </label>
      <span class="presets" role="group" aria-label="Presets ending on the To date">
        {PRESETS.map(([name, days]) => (
          <button type="button" onClick={() => setRange({ from: addDays(range.to, 1 - days), to: range.to })}>
            Last {name}
          </button>
        ))}
        <button type="button" onClick={() => setRange({ from: addDays(yesterday(), -29), to: yesterday() })}>
          Up to yesterday
        </button>
      </span>
    </fieldset>
  );
}
