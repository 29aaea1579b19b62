// Settings: API tokens (create with scopes, the secret shown once, revoke), for ADMINs.
import { useState } from 'preact/hooks';
import { graphql } from '../gql';
import type { ApiScope, TokensQuery } from '../gql/graphql';
import { request } from '../api/client';
import { useQuery } from '../ui/useQuery';
import { Table, type Column } from '../ui/Table';

const TokensDoc = graphql(`
  query Tokens {
    apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt revokedAt }
  }
`);
const CreateDoc = graphql(`
  mutation CreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { secret token { id name } }
  }
`);
const RevokeDoc = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeApiToken(id: $id) { id revokedAt }
  }
`);

const SCOPES: [ApiScope, string][] = [
  ['REPORTS_READ', 'reports:read'],
  ['LEADS_WRITE', 'leads:write'],
  ['CONVERSIONS_WRITE', 'conversions:write'],
  ['SPEND_WRITE', 'spend:write'],
  ['ADMIN', 'admin'],
];
type Token = TokensQuery['apiTokens'][number];

export function Settings({ role }: { role: string }) {
  const admin = role === 'ADMIN' || role === 'OWNER';
  const q = useQuery(TokensDoc, {}, !admin);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['REPORTS_READ']);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!admin) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Settings</h1>
        <p>API tokens are managed by ADMINs and OWNERs; you are signed in as {role}.</p>
      </section>
    );
  }
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const data = await request(CreateDoc, { input: { name: name.trim(), scopes } });
      setSecret(data.createApiToken.secret);
      setName('');
      q.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const revoke = async (t: Token) => {
    if (!confirm(`Revoke ${t.name}? Clients using it stop working at once.`)) return;
    try {
      await request(RevokeDoc, { id: t.id });
      q.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const columns: Column<Token>[] = [
    { label: 'Name', value: (t) => t.name },
    { label: 'Prefix', value: (t) => t.prefix },
    { label: 'Scopes', value: (t) => t.scopes.join(' ') },
    { label: 'Created', value: (t) => t.createdAt },
    { label: 'Last used', value: (t) => t.lastUsedAt ?? '' },
    { label: 'Revoked', value: (t) => t.revokedAt ?? '' },
    {
      label: 'Action',
      value: () => '',
      show: (t) =>
        t.revokedAt ? (
          'revoked'
        ) : (
          <button type="button" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
            Revoke
          </button>
        ),
    },
  ];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <h2>New API token</h2>
      <form class="controls" onSubmit={create}>
        <label>
          Token name
          <input name="tokenName" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map(([s, label]) => (
            <label>
              <input
                type="checkbox"
                name="scope"
                value={s}
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((all) => ((e.target as HTMLInputElement).checked ? [...all, s] : all.filter((x) => x !== s)))}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!name.trim() || scopes.length === 0}>
          Create token
        </button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {secret && (
        <div class="secret" role="status">
          <p>Copy this secret now: it is shown only once.</p>
          <label>
            Secret
            <input readOnly value={secret} data-testid="token-secret" size={60} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <h2>API tokens</h2>
      {q.error && <p role="alert" class="error">{q.error}</p>}
      {q.data && <Table id="tokens-table" caption="API tokens of this workspace" columns={columns} rows={q.data.apiTokens} csvName="api-tokens.csv" />}
    </section>
  );
}
