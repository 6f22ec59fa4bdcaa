// Browser-test helpers shared by e2e/run.mjs and the test modules in e2e/tests/*.test.mjs.
// Each test module exports `default function register(test, h)`; `h` is this module's namespace
// (signIn, signedInAs, settle, shot, expectEqual, menuNames, menuTexts, PASSWORD, RESULTS, Session, ...).

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export let RESULTS = path.join(WEB_DIR, 'test-results');
// run.mjs --results DIR: screenshots elsewhere (several people testing in one checkout).
export function setResults(dir) {
  RESULTS = dir;
}
export const PASSWORD = 'Civic@2026';

// ---------------------------------------------------------------------------------------------------------
// The browser and the per-test page with its error watch.

const IGNORED_CONSOLE = /^Failed to load resource: the server responded with a status of 4\d\d/;
// A test that takes the browser offline on purpose sees its requests fail; that is the point, not an error.
const OFFLINE_CONSOLE = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;

// An /api answer of 400 or more fails the test unless the test declared it (session.expectRefusal) or it is
// the one refusal every page provokes: GET /api/me before anyone signed in (401 = signed out).
const ALWAYS_EXPECTED = [{ method: 'GET', status: 401, path: /^\/api\/me$/ }];

export class Session {
  constructor(context, baseUrl) {
    this.context = context;
    this.baseUrl = baseUrl;
    this.errors = [];
    this.page = null;
    this.expected = [...ALWAYS_EXPECTED];
  }
  // Declares an /api refusal this test provokes on purpose: `status` for `method` on a path matching
  // `path` (a RegExp over the pathname, e.g. /^\/api\/auth\/login$/).
  expectRefusal(method, status, path) {
    this.expected.push({ method, status, path });
  }
  checkApiAnswer(r) {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/') || r.status() < 400) return;
    const method = r.request().method();
    const declared = this.expected.some(
      (e) => e.method === method && e.status === r.status() && e.path.test(url.pathname),
    );
    if (!declared) this.errors.push(`unexpected HTTP ${r.status()} from ${method} ${url.pathname}${url.search}`);
  }
  async open() {
    await this.context.clearCookies();
    this.page = await this.context.newPage();
    await this.page.setViewportSize({ width: 1440, height: 900 });
    this.page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
    this.page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const loc = m.location()?.url ?? '';
      if (IGNORED_CONSOLE.test(m.text()) && new URL(loc || this.baseUrl).pathname.startsWith('/api/')) return;
      if (OFFLINE_CONSOLE.test(m.text())) return;
      this.errors.push(`console error: ${m.text()}${loc ? ` (${loc})` : ''}`);
    });
    this.page.on('response', (r) => {
      if (r.status() >= 500) this.errors.push(`HTTP ${r.status()} from ${r.url()}`);
      else this.checkApiAnswer(r);
    });
    await this.page.goto(`${this.baseUrl}/login`);
    await this.page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await this.page.reload();
    await this.page.waitForSelector('[data-test=login-submit]');
    return this.page;
  }
  async close() {
    if (this.page) await this.page.close().catch(() => undefined);
    this.page = null;
  }
}

export async function signIn(page, user, password = PASSWORD) {
  await page.fill('input[data-test=login-username], [data-test=login-username] input', user);
  await page.fill('input[data-test=login-password], [data-test=login-password] input', password);
  await page.click('[data-test=login-submit]');
}

export async function signedInAs(page, user) {
  await signIn(page, user);
  await page.waitForSelector('[data-test=menu], [data-test=login-error], .el-form-item__error', { timeout: 15000 });
  const refused = await page.$('[data-test=login-error], .el-form-item__error');
  if (refused) throw new Error(`${user} could not sign in: ${(await refused.textContent()).trim()}`);
  if (new URL(page.url()).pathname === '/password') {
    throw new Error(`${user} must change the password first (demo users should not)`);
  }
  await settle(page);
}

export async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

export async function menuNames(page) {
  return page.$$eval('[data-test=menu] [data-test^=menu-]', (els) =>
    els.map((e) => e.getAttribute('data-test').replace(/^menu-/, '')),
  );
}

export async function menuTexts(page) {
  return page.$$eval('[data-test=menu] [data-test^=menu-]', (els) => els.map((e) => e.textContent.trim()));
}

export function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}
