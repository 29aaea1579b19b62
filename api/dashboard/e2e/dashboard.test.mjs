// The dashboard in a real browser (Debian's Chromium driven by playwright-core) against a
// real `serve --demo` on SQLite. Screenshots of each page go to docs/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, gql } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, process.env.SCREENSHOT_DIR ?? '../../../docs/screenshots');
const OUT = resolve(import.meta.dirname, '../e2e-output');
// The last 30 days of the demo (pinned --as-of: its data ends the day before).
const RANGE = { from: '2026-10-28', to: '2026-11-26' };
const qs = (r) => `?from=${r.from}&to=${r.to}`;

let server, browser, context, page;
const problems = [];
const measured = {};

const PERFORMANCE = `query($range: DateRange!) { performance(range: $range, dimension: CHANNEL) {
  totals { leads conversions revenue spend roi roas cpl cac conversionRate } } }`;

async function shot(name) {
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: false });
}

/** How many pixels of a chart's canvas are not background: a drawn chart has many. */
async function inkOf(selector) {
  return page.$eval(selector, (box) => {
    const canvas = box.querySelector('canvas');
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
    return ink;
  });
}

/** Every form control of the page has a label a screen reader announces. */
async function assertLabelled(pageName) {
  const unlabelled = await page.$$eval('input, select, textarea, button', (els) =>
    els
      .filter((e) => {
        const named = e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
        const text = e.tagName === 'BUTTON' && e.textContent.trim();
        return !named && !text;
      })
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], `${pageName}: unlabelled controls`);
}

async function totalsOnPage() {
  await page.waitForSelector('#performance-table tfoot td[data-col="Leads"]');
  return page.$$eval('#performance-table tfoot td', (cells) =>
    Object.fromEntries(cells.map((c) => [c.dataset.col, c.dataset.value])),
  );
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} (${page.url()})`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
  // Offline: nothing may be fetched from anywhere but the server.
  const local = (u) => u.startsWith(server.url) || u.startsWith(server.url.replace('http', 'ws')) || /^(data|blob):/.test(u);
  page.on('request', (r) => local(r.url()) || problems.push(`request to ${r.url()}`));
  page.on('websocket', (ws) => local(ws.url()) || problems.push(`websocket to ${ws.url()}`));
});

after(async () => {
  writeFileSync(resolve(OUT, 'measurements.json'), `${JSON.stringify(measured, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
});

test('signs in with the credentials serve --demo prints', async () => {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Email').fill(server.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await assertLabelled('Sign-in');
  await shot('sign-in');
  await page.getByLabel('Password').fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Channels' }).waitFor();
  assert.match(await page.textContent('header'), /demo@leadsource\.local/);
});

test('the Channels page renders its first view within 1 s, and its totals equal the API answer', async () => {
  const started = Date.now();
  await page.goto(`${server.url}/channels${qs(RANGE)}`);
  const shown = await totalsOnPage();
  measured.channelsFirstRenderMs = Date.now() - started;
  console.log(`first render of the Channels page: ${measured.channelsFirstRenderMs} ms`);
  const { performance } = await gql(server, server.token, PERFORMANCE, { range: RANGE });
  const t = performance.totals;
  assert.deepEqual(
    {
      leads: shown.Leads, conversions: shown.Conversions, revenue: shown.Revenue, spend: shown.Spend, roi: shown.ROI,
      roas: shown.ROAS, cpl: shown.CPL, cac: shown.CAC, conversionRate: shown['Conversion rate'],
    },
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v == null ? '' : String(v)])),
  );
  assert.ok(Number(t.leads) > 0, 'the demo has leads in the range');
  assert.ok(measured.channelsFirstRenderMs <= 1000, `first render took ${measured.channelsFirstRenderMs} ms`);
  assert.ok((await inkOf('#channels-chart')) > 500, 'the time-series chart is drawn');
  await assertLabelled('Channels');
  await shot('channels');
});

test('the Channels table downloads as CSV with the figures shown', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('performance-table-csv').click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  const shown = await totalsOnPage();
  assert.match(text, /^Channel,Leads,Conversions,Revenue,Spend,ROI,ROAS,CPL,CAC,Conversion rate\r\n/);
  assert.ok(text.includes(`\r\nTotal,${shown.Leads},${shown.Conversions},${shown.Revenue},`), text.slice(-200));
});

test('the pages can be used with the keyboard alone', async () => {
  await page.goto(`${server.url}/channels${qs(RANGE)}`);
  await page.waitForSelector('#performance-table tfoot');
  // Tab from the top: the skip link first, then the navigation.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Attribution';
  }
  assert.ok(reached, 'Tab reaches the Attribution link');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Attribution' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('from'), RANGE.from, 'the range is kept');
});

test('changing the range changes the figures', async () => {
  await page.goto(`${server.url}/channels${qs(RANGE)}`);
  const before = await totalsOnPage();
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2026-11-20');
  await page.waitForFunction(
    (leads) => document.querySelector('#performance-table tfoot td[data-col="Leads"]')?.dataset.value !== leads,
    before.Leads,
  );
  const after = await totalsOnPage();
  const { performance } = await gql(server, server.token, PERFORMANCE, { range: { from: '2026-11-20', to: RANGE.to } });
  assert.equal(after.Leads, String(performance.totals.leads));
  assert.notEqual(after.Revenue, before.Revenue);
});

test('the Attribution page draws every model per channel', async () => {
  await page.goto(`${server.url}/attribution${qs(RANGE)}`);
  await page.waitForSelector('#attribution-table tbody tr th');
  assert.ok((await inkOf('#attribution-chart')) > 500, 'the attribution chart is drawn');
  const headers = await page.$$eval('#attribution-table thead th', (t) => t.map((x) => x.textContent));
  assert.ok(headers.includes('Markov (conv.)') && headers.includes('Spread (conv.)'), headers.join());
  await assertLabelled('Attribution');
  await shot('attribution');
});

test('the Budget page shows a curve per channel', async () => {
  const { budgetSuggestions } = await gql(
    server,
    server.token,
    `query($range: DateRange!) { budgetSuggestions(range: $range) { suggestions { label fit { points } curve { weeklySpend } } } }`,
    { range: { from: '2026-06-01', to: RANGE.to } },
  );
  await page.goto(`${server.url}/budget?from=2026-06-01&to=${RANGE.to}`);
  await page.waitForSelector('[data-testid="budget-card"] canvas');
  const cards = await page.$$('[data-testid="budget-card"]');
  assert.equal(cards.length, budgetSuggestions.suggestions.length);
  assert.ok(cards.length > 0, 'the demo has paid channels');
  const fitted = budgetSuggestions.suggestions.filter((s) => s.fit);
  assert.ok(fitted.length > 0, 'at least one channel has a fitted curve');
  for (const s of fitted) assert.ok(s.curve.length > 2, `${s.label}: the API samples its curve`);
  const ids = await page.$$eval('[data-testid="budget-card"] .chart', (c) => c.map((x) => `#${x.id}`));
  for (const id of ids) assert.ok((await inkOf(id)) > 300, `${id} is drawn`);
  await assertLabelled('Budget');
  await page.screenshot({ path: resolve(SHOTS, 'budget.png'), fullPage: true });
});

test('a constraint edited on the Budget page holds in the recomputed plan', async () => {
  const first = page.locator('[data-testid="budget-card"]').first();
  const label = (await first.locator('h3').textContent()).trim();
  const row = () => page.locator('#budget-table tbody tr', { has: page.locator('th', { hasText: label }) });
  const cell = async (n) => (await row().locator('td').nth(n).getAttribute('data-value'));
  const current = await cell(0);
  assert.notEqual(await cell(1), current, `${label} moves without a constraint`);
  await first.getByLabel('Lock spend').check();
  await page.getByRole('button', { name: 'Recompute' }).click();
  await page.waitForFunction(
    (name) => [...document.querySelectorAll('#budget-table tbody tr')].some((r) => r.querySelector('th')?.textContent === name && r.querySelectorAll('td')[6]?.dataset.value === 'LOCKED'),
    label,
  );
  assert.equal(await cell(1), current, `${label} keeps its spend when locked`);
});

test('the Pacing page compares planned, spent and projected', async () => {
  await page.goto(`${server.url}/pacing${qs(RANGE)}`);
  await page.waitForSelector('#pacing-table tbody tr th');
  assert.ok((await inkOf('#pacing-chart')) > 500, 'the pacing chart is drawn');
  await assertLabelled('Pacing');
  await shot('pacing');
});

test('the Leads page searches, and a lead shows its journey', async () => {
  await page.goto(`${server.url}/leads`);
  await page.waitForSelector('#leads-table tbody tr th a');
  await assertLabelled('Leads');
  await shot('leads');
  const name = (await page.textContent('#leads-table tbody tr th a')).trim();
  await page.getByLabel('Search leads').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).has('q'));
  await page.getByRole('link', { name }).first().click();
  await page.getByTestId('timeline').waitFor();
  assert.ok((await page.$$('[data-testid="timeline"] li')).length > 0, 'the journey has touches');
  await assertLabelled('Lead');
  await shot('lead-journey');
});

test('a token created in Settings works for a GraphQL call, and stops when revoked', async () => {
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('Token name').fill('browser test');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').inputValue();
  assert.match(secret, /^lsk_/);
  const { viewer } = await gql(server, secret, '{ viewer { kind scopes } }');
  assert.deepEqual(viewer, { kind: 'API_TOKEN', scopes: ['REPORTS_READ'] });
  await page.waitForSelector('#tokens-table tbody tr');
  await assertLabelled('Settings');
  await shot('settings');
  // Revoked: the same call is refused at once.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Revoke browser test' }).click();
  await page.locator('#tokens-table tbody tr', { hasText: 'browser test' }).getByText('revoked', { exact: true }).waitFor();
  await assert.rejects(gql(server, secret, '{ viewer { kind } }'), /UNAUTHENTICATED/);
});

test('a lead captured through the API appears live on the open Channels page within 2 s', async () => {
  await page.goto(`${server.url}/channels${qs(RANGE)}`);
  await page.getByTestId('live-state').getByText('Live').waitFor();
  const before = await totalsOnPage();
  const sent = Date.now();
  await gql(server, server.token, `mutation { captureLead(input: { externalId: "browser-live-1", email: "live@example.com",
    createdAt: "2026-11-26T12:00:00Z", utmSource: "google", utmMedium: "cpc" }) { id } }`);
  await page.waitForFunction(
    (leads) => document.querySelector('#performance-table tfoot td[data-col="Leads"]')?.dataset.value === String(Number(leads) + 1),
    before.Leads,
    { timeout: 2000 },
  );
  measured.liveLeadMs = Date.now() - sent;
  console.log(`a captured lead appeared on the open page after ${measured.liveLeadMs} ms`);
});

test('GraphiQL loads from the binary, without a CDN', async () => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/graphql`);
  await page.waitForSelector('.graphiql-container');
  // The editors load as separate chunks (also from the binary).
  await page.waitForSelector('.graphiql-query-editor .CodeMirror-line');
  await shot('graphiql');
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

test('the session is refreshed before the access token expires', async () => {
  await page.goto(`${server.url}/channels${qs(RANGE)}`);
  await totalsOnPage();
  const stored = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('leadsource.session')));
  const before = await stored();
  // As if the token were 61 s from expiry: the dashboard refreshes a minute ahead.
  await page.evaluate((s) => {
    s.accessTokenExpiresAt = new Date(Date.now() + 61_000).toISOString();
    sessionStorage.setItem('leadsource.session', JSON.stringify(s));
  }, before);
  await page.reload();
  await page.waitForFunction(
    (old) => JSON.parse(sessionStorage.getItem('leadsource.session') ?? '{}').accessToken !== old,
    before.accessToken,
    { timeout: 10_000 },
  );
  const after = await stored();
  assert.notEqual(after.refreshToken, before.refreshToken, 'a refresh token is single use');
  assert.ok(Date.parse(after.accessTokenExpiresAt) - Date.now() > 5 * 60_000, 'a fresh access token');
  const { viewer } = await gql(server, after.accessToken, '{ viewer { kind } }');
  assert.equal(viewer.kind, 'USER');
});

test('signing out ends the session', async () => {
  const { refreshToken } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('leadsource.session')));
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('mutation Logout')),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]);
  await page.getByRole('heading', { name: 'Sign in to Leadsource' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('leadsource.session')), null);
  await assert.rejects(
    gql(server, server.token, 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: refreshToken }),
    /UNAUTHENTICATED|BAD_USER_INPUT|refresh/i,
  );
});

test('no console errors and no request beyond the server during the browser tests', () => {
  assert.deepEqual(problems, []);
});
