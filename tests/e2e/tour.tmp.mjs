// Scratch: a screenshot tour of the import wizard, duplicates and export (not committed).
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { remote } from 'webdriverio';

const app = process.env.E2E_APP;
const port = Number(process.env.E2E_PORT ?? 4444);
const out = process.env.E2E_OUT;
let browser;
const $id = (id) => browser.$(`[data-testid="${id}"]`);
async function shown(id, timeout = 60_000) {
  const el = await $id(id);
  await el.waitForDisplayed({ timeout, timeoutMsg: `${id} not shown` });
  return el;
}
async function shot(name) {
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await browser.saveScreenshot(path.join(out, `${name}.png`));
}
async function type(id, text) {
  const el = await shown(id);
  await el.click();
  await el.clearValue();
  await el.setValue(text);
}
async function dismiss() {
  for (const b of await browser.$$('[data-testid^="toast-"] button')) await b.click().catch(() => {});
}
before(async () => {
  browser = await remote({
    hostname: '127.0.0.1', port, logLevel: 'error',
    capabilities: { alwaysMatch: { 'tauri:options': { application: app } } },
  });
});
after(async () => { await browser?.deleteSession().catch(() => {}); });

test('tour', async () => {
  await (await shown('welcome-demo')).click();
  await shown('nav-import', 120_000);
  await (await shown('nav-import')).click();
  await shot('t01-file-empty');
  await type('import-path', '/tmp/nope.csv');
  await (await shown('import-preview-button')).click();
  await shown('import-error');
  await shot('t02-file-error');
  await type('import-path', '/work/main/tests/data/import/contacts.xls');
  await (await shown('import-preview-button')).click();
  await shown('source-format');
  await shot('t03-file-xls');
  await type('import-path', '/tmp/tour-contacts.csv');
  await (await shown('import-preview-button')).click();
  await browser.waitUntil(async () => (await (await $id('import-source')).getText()).includes('tour-contacts'), { timeout: 20000 });
  await shot('t04-file-csv');
  await (await shown('import-next')).click();
  await shown('mapping-target-0');
  await shot('t05-mapping');
  await browser.execute(() => document.querySelector('[data-testid="import-date-order"]')?.scrollIntoView());
  await shot('t06-mapping-options');
  const order = await shown('import-date-order');
  await order.selectByAttribute('value', 'dmy');
  await browser.pause(800);
  await type('import-country', 'CN');
  await (await shown('import-dry-run')).click();
  await shown('dry-run-count-created', 120_000);
  await shot('t07-dry-run');
  await (await shown('import-start')).click();
  await shown('import-progress');
  await browser.pause(2500);
  await shot('t08-progress');
  await (await shown('import-cancel')).click();
  await shown('import-cancelled', 60_000);
  await shot('t09-cancelled');
  await (await shown('import-back-to-dry-run')).click();
  await (await shown('import-start')).click();
  await shown('import-result-count-created', 120_000);
  await shot('t10-result');
  await dismiss();
  await (await shown('import-undo')).click();
  await shown('confirm-ok');
  await shot('t11-undo-confirm');
  await (await shown('confirm-ok')).click();
  await shown('undo-result', 60_000);
  await shot('t12-undone');
  await (await shown('nav-import-history')).click();
  await shown('import-history');
  await shot('t13-history');
  await (await shown('nav-duplicates')).click();
  await shown('dup-group-0', 60_000);
  await shot('t14-duplicates');
  await (await shown('dup-group-0')).click();
  await shown('merge-compare');
  await shot('t15-compare');
  await (await shown('merge-keep-1')).click();
  await shown('confirm-ok');
  await shot('t16-merge-confirm');
  await (await shown('confirm-ok')).click();
  await shown('merge-result', 60_000);
  await shot('t17-merged');
  await (await shown('dup-kind-company')).click();
  await browser.pause(1500);
  await shot('t18-companies');
  await (await shown('nav-contact')).click();
  await type('filter-box', '王');
  await browser.pause(800);
  await (await shown('export-button')).click();
  await shown('export-dialog');
  await shot('t19-export');
  await browser.keys('Escape');
  await browser.pause(300);
  await shot('t20-export-closed');
});
