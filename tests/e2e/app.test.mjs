// End-to-end: the built Kith app through its real webview (WebKitWebDriver via
// tauri-driver), on a fresh empty database. Started by run.sh, which provides Xvfb,
// tauri-driver and these variables: E2E_APP (the binary), E2E_PORT (tauri-driver),
// E2E_OUT (where screenshots go).
//
// The story: first start shows the welcome screen → "Start empty" → Contacts → New →
// an invalid email is refused with a message under the email field → fix it, save →
// the global search finds the contact by 李 → its detail shows the email.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { remote } from 'webdriverio';

const app = process.env.E2E_APP;
const port = Number(process.env.E2E_PORT ?? 4444);
const out = process.env.E2E_OUT ?? path.resolve('target/e2e');
assert.ok(app, 'E2E_APP must name the kith-desktop binary (run this through run.sh)');

const FIRST = '明';
const LAST = '李';
const EMAIL = 'ming.li@example.cn';
const BAD_EMAIL = 'ming.li-at-example';
const WAIT = 15_000;

/** @type {WebdriverIO.Browser | undefined} */
let browser;
let step = 'start the app';

const byTestId = (id) => browser.$(`[data-testid="${id}"]`);

/** Waits for a test id to be displayed, with a message naming it and the current step. */
async function shown(id, timeout = WAIT) {
  const el = await byTestId(id);
  await el.waitForDisplayed({
    timeout,
    timeoutMsg: `[data-testid="${id}"] not displayed after ${timeout} ms (step: ${step})`,
  });
  return el;
}

/** Types text into an input and checks the input holds exactly that text. */
async function type(id, text) {
  const el = await shown(id);
  await el.click();
  await el.clearValue();
  await el.setValue(text);
  assert.equal(await el.getValue(), text, `[data-testid="${id}"] holds what was typed`);
  return el;
}

/** Screenshots of the live window: the webview (WebDriver) and the whole X screen. */
async function screenshots(name) {
  // Two animation frames, or WebKit can hand back a stale frame.
  await browser
    ?.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    .catch(() => {});
  await browser?.saveScreenshot(path.join(out, `${name}-webview.png`)).catch((e) => {
    console.error(`e2e: webview screenshot failed: ${e.message}`);
  });
  try {
    execFileSync('import', ['-window', 'root', path.join(out, `${name}-screen.png`)], {
      stdio: 'ignore',
      timeout: 20_000,
    });
  } catch (e) {
    console.error(`e2e: screen screenshot failed: ${e.message}`);
  }
}

before(async () => {
  browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    connectionRetryCount: 2,
    connectionRetryTimeout: 60_000,
    capabilities: { alwaysMatch: { 'tauri:options': { application: app } } },
  });
});

let passed = false;

after(async () => {
  await screenshots(passed ? 'passed' : 'failed');
  await browser?.deleteSession().catch(() => {});
});

test('a new contact is validated, saved, found by 李 and opened', async (t) => {
  step = 'welcome screen on an empty database';
  await shown('welcome-demo', 60_000);
  const startEmpty = await shown('welcome-empty');
  await screenshots('welcome');
  await startEmpty.click();
  t.diagnostic('welcome screen shown; chose "Start empty"');

  step = 'open Contacts and the new-contact form';
  await (await shown('nav-contact')).click();
  await (await shown('new-button')).click();
  await type('field-first_name', FIRST);
  await type('field-last_name', LAST);

  step = 'an invalid email is refused with a message under the email field';
  await type('field-email', BAD_EMAIL);
  await (await shown('save-button')).click();
  const issue = await browser.$(
    '//*[@data-testid="form-field-email"]//*[contains(normalize-space(.), "not a valid email address")]',
  );
  await issue.waitForDisplayed({
    timeout: WAIT,
    timeoutMsg: `no "not a valid email address" message under field-email (step: ${step})`,
  });
  t.diagnostic(`inline error: ${await issue.getText()}`);
  await screenshots('invalid-email');

  step = 'a valid email saves the contact';
  await type('field-email', EMAIL);
  await (await shown('save-button')).click();
  await byTestId('record-form').waitForExist({
    reverse: true,
    timeout: WAIT,
    timeoutMsg: `the form is still open after saving a valid contact (step: ${step})`,
  });
  t.diagnostic('contact saved');

  step = 'the global search finds the contact by 李';
  await type('search-box', LAST);
  const hit = await shown('search-result-0');
  const hitText = await hit.getText();
  assert.match(hitText, new RegExp(`${LAST}|${FIRST}`), `search-result-0 is the new contact: ${hitText}`);
  t.diagnostic(`search-result-0: ${hitText.replace(/\s+/g, ' ')}`);
  await hit.click();

  step = "the contact's detail shows its email";
  const email = await browser.$(`//main//*[normalize-space(.)="${EMAIL}"]`);
  await email.waitForDisplayed({
    timeout: WAIT,
    timeoutMsg: `the detail view does not show ${EMAIL} (step: ${step})`,
  });
  const title = await (await shown('record-title')).getText();
  assert.match(title, new RegExp(LAST), `the detail is the new contact: ${title}`);
  t.diagnostic(`detail "${title}" shows ${EMAIL}`);
  passed = true;
});
