// Drives the workspace in headless Debian Chromium as a person would and prints one JSON report; the Java
// WebAppIT starts the API on demo data, runs this and judges the report.
// Usage: node workspace.e2e.mjs <base url> <key> [screenshot folder]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [base, key, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const report = { steps: [], console: [], axe: {} };
const step = (name, data = {}) => report.steps.push({ name, ...data });

const browser = await chromium.launch({
  executablePath: process.env.SPIRAL_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

async function axe(page, screen) {
  // through the debugging protocol, which the page's Content-Security-Policy does not govern (it forbids inline scripts)
  await page.evaluate(axeSource);
  const r = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
  report.axe[screen] = r;
}

async function inkOf(page, selector) {
  // the share of the chart's pixels that are not background: a drawn chart has ink
  const box = await page.locator(selector).boundingBox();
  if (!box || box.width < 10 || box.height < 10) return 0;
  const png = await page.screenshot({ clip: box });
  return await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
    return ink / (d.length / 4);
  }, png.toString('base64'));
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let phase = 'sign-in';
  page.on('console', (m) => { if (m.type() === 'error') report.console.push(`${phase}: ${m.text()}`); });
  page.on('pageerror', (e) => report.console.push(`pageerror: ${e.message}`));

  // a wrong key is refused with a message
  await page.goto(base + '/');
  await page.getByLabel('API key').fill('dsk_not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refusal = await page.getByRole('alert').textContent({ timeout: 10000 });
  step('wrong key', { message: refusal });
  await axe(page, 'sign-in');
  if (shots) await page.screenshot({ path: `${shots}/sign-in.png` });

  // sign in; the key stays in sessionStorage, never in the URL
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // the first screen: the active sprints, live
  await page.locator('.live tbody tr').first().waitFor({ timeout: 15000 });
  phase = 'signed in';
  step('signed in', { url: page.url(), stored: await page.evaluate(() => sessionStorage.getItem('spiral.apiKey') != null),
                      liveRows: await page.locator('.live tbody tr').count(),
                      liveStatus: await page.locator('.live .status').textContent(),
                      liveText: await page.locator('section.live').innerText() });
  await axe(page, 'live');
  if (shots) await page.screenshot({ path: `${shots}/live.png`, fullPage: true });
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await page.getByRole('heading', { name: /Ask about your sprints/ }).waitFor({ timeout: 10000 });
  await axe(page, 'ask-empty');

  // ask by keyboard alone: focus the box, type, Enter
  const t0 = Date.now();
  await page.getByLabel('Your question').focus();
  await page.keyboard.type('spillover per sprint for ALPHA');
  await page.keyboard.press('Enter');
  const first = page.locator('.turn').nth(0);
  await first.locator('.vega svg').waitFor({ timeout: 20000 });
  const reading = await first.locator('.reading').textContent();
  const ink = await inkOf(page, '.turn >> nth=0 >> .vega');
  const type1 = await first.locator('.vega').getAttribute('data-chart-type');
  step('asked', { reading, ink, chartType: type1, enterToChartMs: Date.now() - t0,
                  rows: await first.locator('tbody tr').count() });

  // the switcher redraws the chart as another type
  const other = first.locator('.switcher button[aria-pressed="false"]').first();
  const otherType = (await other.textContent()).trim();
  await other.click();
  await page.waitForFunction((t) => document.querySelector('.turn .vega')?.getAttribute('data-chart-type')
    ?.replace(/_/g, ' ') === t, otherType, { timeout: 15000 });
  await first.locator('.vega svg').waitFor({ timeout: 15000 });
  step('switched', { to: otherType, ink: await inkOf(page, '.turn >> nth=0 >> .vega') });
  if (shots) await page.screenshot({ path: `${shots}/ask.png`, fullPage: true });

  // a refused question shows why and suggestions that can be followed
  await page.getByLabel('Your question').fill('what is our revenue per project');
  await page.keyboard.press('Enter');
  const second = page.locator('.turn').nth(1);
  await second.locator('.refused').waitFor({ timeout: 15000 });
  const suggestion = second.locator('.suggestions button').first();
  const followed = (await suggestion.textContent()).trim();
  await suggestion.click();
  const third = page.locator('.turn').nth(2);
  await third.locator('.answer:not(.refused)').waitFor({ timeout: 20000 });
  step('refused and followed', { why: await second.locator('.refused p').first().textContent(), followed,
                                 answered: await third.locator('.reading').textContent() });

  // one more question; sort the table by a column
  await page.getByLabel('Your question').fill('which sprint had the worst spillover?');
  await page.keyboard.press('Enter');
  const fourth = page.locator('.turn').nth(3);
  await fourth.locator('.answer').waitFor({ timeout: 20000 });
  step('fourth', { rows: await fourth.locator('tbody tr').count(), note: await fourth.locator('.note').textContent().catch(() => null) });
  await axe(page, 'ask-answers');

  // export the first answer as CSV through a job; its rows must equal /analytics/run's for the same spec
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    first.getByRole('button', { name: 'CSV' }).click(),
  ]);
  const csv = readFileSync(await file.path(), 'utf8');
  step('exported', { csvLines: csv.trim().split(/\r?\n/), file: file.suggestedFilename() });

  // the spec, edited by hand with a misspelt metric, shows the API's error at its pointer
  await first.getByRole('button', { name: /spec and SQL/ }).click();
  const editor = first.getByLabel('Spec (AnalyticsSpec JSON)');
  await editor.fill('{"metrics": ["spilover_ratio"], "dimensions": ["sprint"]}');
  await first.getByRole('button', { name: 'Run this spec' }).click();
  const problem = await first.locator('.problems').textContent({ timeout: 10000 });
  await editor.fill('{"metrics": ["spillover_ratio"], "dimensions": ["project"]}');
  await first.getByRole('button', { name: 'Run this spec' }).click();
  await first.locator('.reading', { hasText: 'Edited spec' }).waitFor({ timeout: 10000 });
  step('edited', { problem, rowsAfter: await first.locator('tbody tr').count() });

  // the jobs screen lists the export's job, completed, with its downloads
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.locator('.jobs tbody tr').first().waitFor({ timeout: 10000 });
  step('jobs', { first: await page.locator('.jobs tbody tr').first().innerText() });
  await axe(page, 'jobs');
  if (shots) await page.screenshot({ path: `${shots}/jobs.png`, fullPage: true });

  // the search screen finds issues by their words, and shows those most like one
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByLabel('Search issues').fill('checkout times out');
  await page.locator('.searcher button[type=submit]').click();
  await page.locator('.hit').first().waitFor({ timeout: 10000 });
  const hits = await page.locator('.hit .issue-key').allTextContents();
  await page.locator('.hit').first().getByRole('button', { name: 'Similar issues' }).click();
  await page.locator('.similar li').first().waitFor({ timeout: 10000 });
  step('search', { hits, first: await page.locator('.hit').first().innerText(), similar: await page.locator('.similar li').count() });
  await axe(page, 'search');
  if (shots) await page.screenshot({ path: `${shots}/search.png`, fullPage: true });

  // the catalog finds a metric by a synonym, and "try it" asks it
  await page.getByRole('button', { name: 'Catalog' }).click();
  await page.getByLabel('Search metrics').fill('carryover');
  const found = await page.locator('.metric h3').allTextContents();
  step('catalog search', { found });
  await axe(page, 'catalog');
  if (shots) await page.screenshot({ path: `${shots}/catalog.png`, fullPage: true });
  await page.locator('.metric button', { hasText: 'Try it' }).first().click();
  await page.locator('.turn').last().locator('.answer').waitFor({ timeout: 20000 });
  step('tried', { question: await page.locator('.turn .question').last().textContent() });

  // the first question again: its answer now comes from the cache
  const t1 = Date.now();
  await page.getByLabel('Your question').fill('spillover per sprint for ALPHA');
  await page.keyboard.press('Enter');
  const again = page.locator('.turn').last();
  await again.locator('.vega svg').waitFor({ timeout: 20000 });
  step('cached', { enterToChartMs: Date.now() - t1, meta: await again.locator('.meta').textContent() });

  step('page text', { text: await page.locator('body').innerText() });
} catch (e) {
  report.error = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
