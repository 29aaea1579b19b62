// Leads: a searchable list, and one lead's journey (touchpoints and conversions) as a timeline.
import { useState } from 'preact/hooks';
import { graphql } from '../gql';
import type { LeadsQuery, LeadQuery } from '../gql/graphql';
import { useQuery } from '../ui/useQuery';
import { navigate, setParams } from '../ui/route';
import { Table, type Column } from '../ui/Table';
import { fmtMoney } from '../ui/format';

const LeadsDoc = graphql(`
  query Leads($first: Int!, $search: String) {
    leads(first: $first, filter: { search: $search }) {
      totalCount
      nodes {
        id
        externalId
        name
        email
        company
        status
        createdAt
        channel { name }
      }
    }
  }
`);

const LeadDoc = graphql(`
  query Lead($id: ID!) {
    lead(id: $id) {
      id
      externalId
      name
      email
      company
      status
      createdAt
      channel { name }
      source { source medium campaign referrer landingPage }
      touchpoints {
        id
        occurredAt
        channel { name }
        campaign { name }
        utm { source medium campaign }
      }
      conversions { id occurredAt kind revenue }
    }
  }
`);

type Lead = LeadsQuery['leads']['nodes'][number];

export function Leads({ params }: { params: URLSearchParams }) {
  const search = params.get('q') ?? '';
  const [text, setText] = useState(search);
  const q = useQuery(LeadsDoc, { first: 50, search: search || null });
  const leads = q.data?.leads;
  const columns: Column<Lead>[] = [
    {
      label: 'Lead',
      value: (l) => l.name ?? l.email ?? l.externalId,
      show: (l) => (
        <a
          href={`/leads/${l.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/leads/${l.id}`);
          }}
        >
          {l.name ?? l.email ?? l.externalId}
        </a>
      ),
    },
    { label: 'Email', value: (l) => l.email },
    { label: 'Company', value: (l) => l.company },
    { label: 'Source channel', value: (l) => l.channel?.name },
    { label: 'Status', value: (l) => l.status },
    { label: 'Created', value: (l) => l.createdAt, show: (l) => new Date(l.createdAt).toLocaleString('en-GB') },
  ];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Leads</h1>
      <form
        class="controls"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: text.trim() || null });
        }}
      >
        <label>
          Search leads
          <input type="search" name="q" value={text} placeholder="name, email, company" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {leads ? (
        <>
          <p class="note">
            {leads.totalCount} leads{search && ` matching “${search}”`}; newest 50 shown.
          </p>
          <Table id="leads-table" caption="Leads, newest first" columns={columns} rows={leads.nodes} csvName="leads.csv" />
        </>
      ) : (
        !q.error && <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}

type Event =
  | { at: string; kind: 'touch'; t: NonNullable<LeadQuery['lead']>['touchpoints'][number] }
  | { at: string; kind: 'conversion'; c: NonNullable<LeadQuery['lead']>['conversions'][number] };

export function LeadJourney({ id }: { id: string }) {
  const q = useQuery(LeadDoc, { id });
  const lead = q.data?.lead;
  if (q.error) return <p role="alert" class="error">{q.error}</p>;
  if (!q.data) return <p aria-busy="true">Loading…</p>;
  if (!lead) return <p role="alert">No such lead.</p>;
  const events: Event[] = [
    ...lead.touchpoints.map((t): Event => ({ at: t.occurredAt, kind: 'touch', t })),
    ...lead.conversions.map((c): Event => ({ at: c.occurredAt, kind: 'conversion', c })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="page-title">
      <p>
        <a
          href="/leads"
          onClick={(e) => {
            e.preventDefault();
            history.back();
          }}
        >
          ← Leads
        </a>
      </p>
      <h1 id="page-title">{lead.name ?? lead.email ?? lead.externalId}</h1>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{lead.email ?? '–'}</dd>
        <dt>Company</dt>
        <dd>{lead.company ?? '–'}</dd>
        <dt>Status</dt>
        <dd>{lead.status}</dd>
        <dt>Source</dt>
        <dd>
          {lead.channel?.name ?? '–'} ({[lead.source.source, lead.source.medium, lead.source.campaign].filter(Boolean).join(' / ') || 'no UTM'})
        </dd>
      </dl>
      <h2>Journey</h2>
      <ol class="timeline" aria-label="Journey, oldest first" data-testid="timeline">
        {events.map((e) =>
          e.kind === 'touch' ? (
            <li class="touch">
              <time dateTime={e.at}>{new Date(e.at).toLocaleString('en-GB')}</time> Touch: <strong>{e.t.channel?.name ?? 'unknown'}</strong>
              {e.t.campaign && ` · ${e.t.campaign.name}`}
              {e.t.utm.source && ` · ${e.t.utm.source}/${e.t.utm.medium ?? ''}`}
            </li>
          ) : (
            <li class="conversion">
              <time dateTime={e.at}>{new Date(e.at).toLocaleString('en-GB')}</time> Conversion: <strong>{e.c.kind}</strong> · {fmtMoney(e.c.revenue)}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
