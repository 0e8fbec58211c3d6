// The Live screen against a running pipeline: signs in, waits for the active sprints, prints "ready", then on a
// line from stdin (the test has changed a source row) waits for a highlighted figure and prints a JSON report:
// which figure of which sprint changed, its text before and after, and the delay the screen showed.
// Usage: node live.e2e.mjs <base url> <key>
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const [base, key] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));
const browser = await chromium.launch({
  executablePath: process.env.SPIRAL_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const report = { console: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') report.console.push(m.text()); });
  await page.goto(base + '/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.live tbody tr').first().waitFor({ timeout: 20000 });
  await page.locator('.live .status.live').waitFor({ timeout: 20000 });
  report.sprints = await page.locator('.live tbody th').allTextContents();
  console.log('ready ' + JSON.stringify(report.sprints));
  const sprint = (await nextLine()).trim();
  const cell = page.locator(`.live tr[data-sprint="${sprint}"] td[data-figure="planned_sp"]`);
  report.before = await cell.textContent();
  const t0 = Date.now();
  await page.locator(`.live tr[data-sprint="${sprint}"] td.changed`).first().waitFor({ timeout: 30000 });
  report.screenMs = Date.now() - t0;
  report.after = await cell.textContent();
  report.changedFigures = await page.locator(`.live tr[data-sprint="${sprint}"] td.changed`).evaluateAll((tds) => tds.map((t) => t.dataset.figure));
  report.delayShown = await page.locator(`.live tr[data-sprint="${sprint}"] td.delay`).textContent();
} catch (e) {
  report.error = String(e && e.stack || e);
} finally {
  await browser.close();
  lines.close();
}
console.log(JSON.stringify(report));
