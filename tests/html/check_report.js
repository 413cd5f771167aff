// Loads a sessionscan HTML report in Debian's headless Chromium and checks what a reader needs:
// it renders with no console error and no network request, every section is there, and each
// finding has its attack diagram. Saves a full-page screenshot beside the report as an artefact.
// Usage: node check_report.js REPORT.html SCREENSHOT.png [expect-findings|expect-clean]
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

const [report, shot, expect] = process.argv.slice(2);
if (!report || !shot || !['expect-findings', 'expect-clean'].includes(expect)) {
  console.error('usage: node check_report.js REPORT.html SCREENSHOT.png expect-findings|expect-clean');
  process.exit(2);
}

const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}`); if (!ok) failures.push(what); };

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sessionscan-chromium-'));
  // A fresh profile directory every run (playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1000, height: 800 },
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    const url = 'file://' + path.resolve(report);
    await page.goto(url, { waitUntil: 'load' });
    check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
    check(requests.length === 0, `no network requests (${requests.join(' ')})`);
    for (const id of ['grade', 'summary', 'findings']) {
      check(await page.locator(`#${id}`).count() === 1, `section #${id} present`);
    }
    const grade = (await page.locator('#grade .grade').innerText()).trim();
    const findings = await page.locator('article.finding').count();
    const diagrams = await page.locator('article.finding figure.seq svg').count();
    // A finding whose evidence has attacker/victim request steps must have its diagram.
    const drawable = await page.locator('article.finding').evaluateAll((arts) => arts.filter((a) =>
      [...a.querySelectorAll('ol.ev li')].some((li) => /^(attacker|victim): .* -> /.test(li.textContent))).length);
    if (expect === 'expect-findings') {
      check(findings > 0, `findings shown (${findings})`);
      check(drawable > 0 && diagrams === drawable,
        `every finding with attacker/victim steps has its sequence diagram (${diagrams}/${drawable})`);
      check(await page.locator('article.finding h4', { hasText: 'Express' }).count() > 0, 'Express remediation present');
      check(await page.locator('article.finding h4', { hasText: 'DynamoDB' }).count() > 0, 'DynamoDB remediation present');
      check(await page.locator('article.finding pre.code code').count() > 0, 'remediation code blocks present');
      check(await page.locator('ol.ev li').count() > 0, 'evidence present');
      check(/^[A-F]$/.test(grade), `a letter grade is shown (${grade})`);
      const box = await page.locator('figure.seq svg').first().boundingBox();
      check(box && box.width > 300 && box.height > 100, 'the sequence diagram is drawn at a readable size');
    } else {
      check(findings === 0, `no finding shown (${findings})`);
      check(grade === 'A', `grade A shown (${grade})`);
    }
    const text = await page.locator('body').innerText();
    check(!/alice-pass-123/.test(text), 'the password is not in the page');
    await page.screenshot({ path: shot, fullPage: true });
    check(fs.statSync(shot).size > 1000, `screenshot saved to ${shot}`);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${failures.length === 0 ? 'html report checks passed' : 'html report checks failed'}`);
  process.exit(failures.length === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
