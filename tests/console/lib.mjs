// What the console's browser scenarios share: Debian's chromium driven by
// playwright-core, a context per staff member that fails the run on any
// dialog, page error or Content-Security-Policy violation, log-in, and
// screenshots for docs/screens.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const env = {
  url: process.env.CONSOLE_URL || 'http://127.0.0.1:8080',
  password: process.env.CONSOLE_PASSWORD || 'console-test-password-1',
  kioskctl: process.env.KIOSKCTL || '',
  trust: process.env.CONSOLE_TRUST || '',
  keyId: process.env.CONSOLE_KEY_ID || '',
  work: process.env.CONSOLE_WORK || '',
  screens: process.env.SCREENS_DIR || '',
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };

let browser = null;

export async function launch() {
  // --lang: date fields show dd/mm/yyyy, as staff in Vietnam see them.
  const args = ['--disable-dev-shm-usage', '--font-render-hinting=none', '--lang=vi-VN'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  browser = await chromium.launch({ executablePath: env.chromium, headless: true, args });
  return browser;
}

export async function close() {
  if (browser) await browser.close();
  browser = null;
}

// Everything a page did that a scenario must never see.
export class Watch {
  constructor() {
    this.dialogs = [];
    this.errors = [];
  }

  assertClean(what = '') {
    assert.deepEqual(this.dialogs, [], `a dialog fired ${what}: ${this.dialogs.join(' | ')}`);
    assert.deepEqual(this.errors, [], `page errors ${what}: ${this.errors.join(' | ')}`);
  }
}

// A browser context (its own cookies: one staff member) at `viewport`, in
// Vietnamese unless told. Any dialog (alert, confirm, prompt, beforeunload)
// is recorded and dismissed; scenarios fail on it through watch.assertClean.
export async function staffContext(viewport = LAPTOP, { consoleLang = 'vi' } = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const watch = new Watch();
  await context.addInitScript((lang) => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
    });
    try {
      if (!localStorage.getItem('kiosk-console-lang')) localStorage.setItem('kiosk-console-lang', lang);
    } catch {
      // about:blank has no storage.
    }
  }, consoleLang);
  context.on('page', (page) => watchPage(page, watch));
  const page = await context.newPage();
  return { context, page, watch };
}

function watchPage(page, watch) {
  page.on('dialog', async (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => watch.errors.push(String(err && err.message ? err.message : err)));
  page.on('console', (msg) => {
    // A 4xx the test asked for shows as "Failed to load resource"; real
    // script errors arrive through pageerror.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) watch.errors.push(`console: ${msg.text()}`);
  });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations || []);
}

export async function open(page, hash = '') {
  await page.goto(`${env.url}/console/${hash}`);
}

// Logs in through the form; resolves once the header shows the user.
export async function login(page, user, password = env.password) {
  await open(page, '#/login');
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/console/session') && r.request().method() === 'POST'),
    page.click('form.login-form button[type=submit]'),
  ]);
  assert.equal(answer.status(), 200, `log-in of ${user}: HTTP ${answer.status()}`);
  await page.waitForSelector('#current-user');
  await page.waitForSelector('.page-items .count:not(:empty), .page-items .empty, .page-items .results table');
}

export function pane(page, lang) {
  return page.locator(`section.pane[data-lang="${lang}"]`);
}

// Clicks a pane's button and waits for the API answer it causes.
export async function paneAction(page, lang, action, method, urlPart) {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && r.url().includes(urlPart)),
    pane(page, lang).locator(`[data-action="${action}"]`).click(),
  ]);
  return answer;
}

// options.top: scroll to the top of the page first; options.show: scroll so
// that this selector is in view.
export async function screenshot(page, name, { top = false, show = '', ...options } = {}) {
  if (!env.screens) return;
  fs.mkdirSync(env.screens, { recursive: true });
  if (top) await page.evaluate(() => window.scrollTo(0, 0));
  if (show) await page.locator(show).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  // Let fonts settle and the debounced preview arrive.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(env.screens, `console-${name}.png`), ...options });
}

const run = promisify(execFile);

export async function kioskctl(...args) {
  assert.ok(env.kioskctl, 'KIOSKCTL is not set');
  try {
    const { stdout, stderr } = await run(env.kioskctl, args, { timeout: 60000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    return { code: err.code ?? 1, stdout: err.stdout || '', stderr: err.stderr || String(err) };
  }
}

// GET /session's CSRF token from inside the page.
export async function pageFetch(page, method, route, body, { csrf = 'session' } = {}) {
  return page.evaluate(async ({ method: m, route: r, body: b, csrf: c }) => {
    let token = c;
    if (c === 'session') {
      const s = await fetch('/api/v1/console/session');
      token = s.ok ? (await s.json()).csrf : '';
    }
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers['X-CSRF-Token'] = token;
    const res = await fetch(`/api/v1/console/${r}`, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
    const text = await res.text();
    return { status: res.status, text, retryAfter: res.headers.get('Retry-After') };
  }, { method, route, body, csrf });
}
