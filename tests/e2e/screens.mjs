// The README's screenshots: the built app through its real webview (run.sh provides Xvfb,
// tauri-driver and E2E_APP, E2E_CLI, E2E_PORT), on a demo workspace made by the CLI, each
// main screen in English and in 简体中文, saved as docs/screenshots/<language>-<screen>.png
// (or under E2E_SCREENS). Run by `make screenshots`; not a test of behaviour (the stories in
// app.test.mjs are), but it fails when a screen does not show what it is named for.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { remote } from 'webdriverio';

const app = process.env.E2E_APP;
const cli = process.env.E2E_CLI ?? path.resolve('target/debug/kith');
const port = Number(process.env.E2E_PORT ?? 4444);
const dir = process.env.E2E_SCREENS ?? path.resolve('docs/screenshots');
assert.ok(app, 'E2E_APP must name the kith-desktop binary (run this through run.sh)');
const WAIT = 60_000;

/** The screens: a name, the route, and what shows it is drawn. */
const SCREENS = [
  { name: 'dashboard', hash: '#/', ready: '[data-testid="chart-revenue-svg"] svg' },
  { name: 'today', hash: '#/today', ready: '[data-testid="today-overdue"]' },
  { name: 'board', hash: '#/board', ready: '[data-card-id]' },
  { name: 'queue', hash: '#/queue', ready: '[data-card-id]' },
  { name: 'contacts', hash: '#/contact', ready: '[data-testid^="row-"]' },
  { name: 'company', hash: null, ready: '[data-testid="related-people"]' },
  { name: 'segments', hash: '#/dashboard/segments', ready: '[data-testid="rfm-segments"]' },
  { name: 'review', hash: '#/review', ready: '[data-testid="review-panel"] td.why' },
];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-screens-'));
/** @type {WebdriverIO.Browser | undefined} */
let browser;

after(async () => {
  await browser?.deleteSession().catch(() => {});
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('the main screens in English and Chinese', async (t) => {
  const db = path.join(workDir, 'demo.db');
  execFileSync(cli, ['--db', db, 'demo', '--contacts', '2000'], {
    stdio: 'ignore',
    timeout: 300_000,
  });
  execFileSync(cli, ['--db', db, 'analyze', 'all'], { stdio: 'ignore', timeout: 300_000 });
  // Real exports imported, so the values they kept for review show with why.
  for (const file of ['google_contacts.csv', 'outlook.csv']) {
    const exported = path.resolve('tests/data/import/exports', file);
    execFileSync(cli, ['--db', db, 'import', 'contact', exported], { stdio: 'ignore' });
  }
  const json = (...args) =>
    JSON.parse(execFileSync(cli, ['--db', db, '--json', ...args], { encoding: 'utf8' }));
  // A company with people, deals and orders, so its page shows what is related to it.
  const company = json('company', 'list', '--limit', '100').rows.find((c) => {
    const groups = new Set(json('related', c.id).groups.map((g) => g.key));
    return ['people', 'deals', 'orders', 'tickets'].every((key) => groups.has(key));
  });
  assert.ok(company, 'the demo has a company with people, deals, orders and tickets');
  browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: { alwaysMatch: { 'tauri:options': { application: app, args: ['--db', db] } } },
  });
  fs.mkdirSync(dir, { recursive: true });
  for (const language of ['en', 'zh']) {
    await browser.execute((lang) => localStorage.setItem('kith.language', lang), language);
    await browser.refresh();
    for (const screen of SCREENS) {
      const hash = screen.hash ?? `#/company/${company.id}`;
      await browser.execute((h) => (window.location.hash = h), hash);
      await browser.$(screen.ready).waitForExist({
        timeout: WAIT,
        timeoutMsg: `${language} ${screen.name}: nothing matches ${screen.ready}`,
      });
      // Charts and fonts settle; two frames so WebKit hands back a fresh one.
      await browser.pause(1200);
      await browser.execute(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
      const file = path.join(dir, `${language}-${screen.name}.png`);
      await browser.saveScreenshot(file);
      t.diagnostic(file);
    }
  }
  await browser.execute(() => localStorage.setItem('kith.language', 'en'));
});
