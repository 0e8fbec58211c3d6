// Renders every <name>.vl.json in a folder with vega-embed in headless Chromium and writes <name>.png beside it,
// plus report.json: per chart, the errors and warnings the page logged. Judging the pictures is the caller's job.
// Usage: node render.mjs <folder> [chromium executable]
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
const executablePath = process.argv[3] || process.env.SPIRAL_CHROMIUM || '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const lib = (p) => join(here, 'node_modules', p);

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // this machine's network is closed: without these Chromium keeps trying to reach Google's hosts
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const report = {};
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  let log = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"></body></html>');
  for (const script of ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js']) {
    await page.addScriptTag({ path: lib(script) });
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.vl.json')).sort()) {
    const name = file.slice(0, -'.vl.json'.length);
    log = [];
    const spec = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    let error = null;
    try {
      await page.evaluate(async (s) => {
        document.body.innerHTML = '<div id="vis" style="display:inline-block;padding:8px;background:#fff"></div>';
        const result = await vegaEmbed('#vis', s, { actions: false, renderer: 'canvas', logLevel: vega.Warn });
        await result.view.runAsync();
      }, spec);
      await page.locator('#vis').screenshot({ path: join(dir, `${name}.png`) });
    } catch (e) {
      error = String(e.message || e);
    }
    report[name] = { error, log };
    console.log(`${name}: ${error ? 'FAILED ' + error : 'rendered'}${log.length ? ' (' + log.length + ' messages)' : ''}`);
  }
} finally {
  await browser.close();
}
writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
