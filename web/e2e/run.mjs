#!/usr/bin/env node
// Browser tests of the web console against a real `civic serve`.
//
//   node e2e/run.mjs --civic ../build/civic      (from web/, after `npm run build`)
//   node e2e/run.mjs --base-url http://127.0.0.1:8080   (an already running server with the demo data)
//
// With --civic it makes a temp data dir, runs `civic init --demo`, starts `civic serve` on a free port with
// --web dist, waits for /api/health, runs the tests in headless Debian Chromium (never a downloaded browser),
// and stops the server. Prints one TAP line per test and `browser: N passed, N failed`; exits 1 on any
// failure, 2 when it cannot run at all (binary missing, `civic init/serve` not built yet, no dist/).
// A test fails on any page error or console error, except the browser's own "Failed to load resource"
// notes for 4xx answers under /api (the app expects 401 before sign-in and 404 from endpoints not built yet).
// Screenshots of the pages go to test-results/*.png.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(WEB_DIR, 'test-results');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'Civic@2026';

// Demo users (civic init --demo) and the menu each role must see, in menu order.
const ROLE_MENUS = [
  { user: 'office', role: 'office', menu: ['dashboard', 'framework', 'scores', 'sites', 'rounds', 'cases', 'workplans', 'units'] },
  { user: 'leader', role: 'leader', menu: ['dashboard', 'scores', 'cases', 'workplans'] },
  { user: 'huimao', role: 'unit_officer', menu: ['dashboard', 'scores', 'cases', 'workplans'] },
  { user: 'inspector1', role: 'inspector', menu: ['my-inspections'] },
  { user: 'admin', role: 'system_admin', menu: ['units', 'users'] },
  { user: 'security', role: 'security_admin', menu: ['users', 'security'] },
  { user: 'auditor', role: 'audit_admin', menu: ['audit'] },
];

function parseArgs(argv) {
  const args = { civic: null, baseUrl: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--civic') args.civic = argv[++i];
    else if (argv[i] === '--base-url') args.baseUrl = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node e2e/run.mjs --civic PATH | --base-url URL');
      process.exit(0);
    } else {
      console.error(`run.mjs: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  return args;
}

function cannotRun(reason) {
  console.log(`# cannot run the browser tests: ${reason}`);
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve({ code: -1, out: String(e) }));
    p.on('close', (code) => resolve({ code, out }));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer(civic) {
  if (!fs.existsSync(civic)) cannotRun(`no civic binary at ${civic} (build it first)`);
  if (!fs.existsSync(path.join(WEB_DIR, 'dist', 'index.html'))) cannotRun('web/dist is not built (npm run build)');
  // The CLI registers every command from the start; one not written yet says so in its help.
  for (const cmd of ['init', 'serve']) {
    const help = await run(civic, [cmd, '--help']);
    if (/not built yet/.test(help.out)) cannotRun(`civic ${cmd} is not built yet`);
  }
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-'));
  const init = await run(civic, ['init', '--demo', '--data', data]);
  if (init.code !== 0) {
    fs.rmSync(data, { recursive: true, force: true });
    if (/not built yet/.test(init.out)) cannotRun(`civic init is not built yet: ${init.out.trim()}`);
    cannotRun(`civic init --demo failed (${init.code}): ${init.out.trim()}`);
  }
  const port = await freePort();
  const log = [];
  const proc = spawn(
    civic,
    ['serve', '--data', data, '--host', '127.0.0.1', '--port', String(port), '--web', path.join(WEB_DIR, 'dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let exited = null;
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  proc.on('exit', (code, signal) => (exited = { code, signal }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      proc.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) proc.kill('SIGKILL');
    }
    fs.rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      const out = log.join('').trim();
      await stop();
      if (/not built yet/.test(out)) cannotRun(`civic serve is not built yet: ${out}`);
      cannotRun(`civic serve exited (${exited.code ?? exited.signal}): ${out}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return { baseUrl, stop, log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const out = log.join('').trim();
  await stop();
  cannotRun(`civic serve did not answer /api/health within 30 s: ${out}`);
}

// ---------------------------------------------------------------------------------------------------------
// The browser and the per-test page with its error watch.

const IGNORED_CONSOLE = /^Failed to load resource: the server responded with a status of 4\d\d/;

class Session {
  constructor(context, baseUrl) {
    this.context = context;
    this.baseUrl = baseUrl;
    this.errors = [];
    this.page = null;
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
      this.errors.push(`console error: ${m.text()}${loc ? ` (${loc})` : ''}`);
    });
    this.page.on('response', (r) => {
      if (r.status() >= 500) this.errors.push(`HTTP ${r.status()} from ${r.url()}`);
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

async function signIn(page, user, password = PASSWORD) {
  await page.fill('input[data-test=login-username], [data-test=login-username] input', user);
  await page.fill('input[data-test=login-password], [data-test=login-password] input', password);
  await page.click('[data-test=login-submit]');
}

async function signedInAs(page, user) {
  await signIn(page, user);
  await page.waitForSelector('[data-test=menu], [data-test=login-error], .el-form-item__error', { timeout: 15000 });
  const refused = await page.$('[data-test=login-error], .el-form-item__error');
  if (refused) throw new Error(`${user} could not sign in: ${(await refused.textContent()).trim()}`);
  if (new URL(page.url()).pathname === '/password') {
    throw new Error(`${user} must change the password first (demo users should not)`);
  }
  await settle(page);
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

async function menuNames(page) {
  return page.$$eval('[data-test=menu] [data-test^=menu-]', (els) =>
    els.map((e) => e.getAttribute('data-test').replace(/^menu-/, '')),
  );
}

async function menuTexts(page) {
  return page.$$eval('[data-test=menu] [data-test^=menu-]', (els) => els.map((e) => e.textContent.trim()));
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}

// ---------------------------------------------------------------------------------------------------------
// Tests: each gets a fresh page (cookies and storage cleared) and fails on any page or console error.

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('health answers ok', async ({ baseUrl }) => {
  const res = await fetch(`${baseUrl}/api/health`);
  const body = await res.json();
  if (body.status !== 'ok') throw new Error(`status is ${JSON.stringify(body.status)}`);
});

test('signed-out visit to /dashboard lands on sign-in', async ({ session, baseUrl }) => {
  const page = await session.open();
  await page.goto(`${baseUrl}/dashboard`);
  await page.waitForSelector('[data-test=login-submit]');
  const url = new URL(page.url());
  if (url.pathname !== '/login') throw new Error(`landed on ${url.pathname}`);
  await shot(page, 'login');
});

for (const r of ROLE_MENUS) {
  test(`${r.user} (${r.role}) sees exactly the ${r.role} menu and its pages open`, async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, r.user);
    expectEqual(await menuNames(page), r.menu, 'menu');
    const shown = (await page.textContent('[data-test=header-user]'))?.trim();
    if (!shown) throw new Error('the header shows no user name');
    for (const name of r.menu) {
      await page.click(`[data-test=menu-${name}]`);
      await page.waitForURL((u) => u.pathname === `/${name}`, { timeout: 10000 });
      await settle(page);
      await shot(page, `${r.user}-${name}`);
    }
  });
}

test('the inspector\'s page fits a phone screen', async ({ session }) => {
  const page = await session.open();
  await page.setViewportSize({ width: 390, height: 844 });
  await signedInAs(page, 'inspector1');
  await page.waitForSelector('[data-test=my-inspections]');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) throw new Error(`the page is ${width}px wide on a 390px screen`);
  await shot(page, 'inspector1-phone');
});

test('dashboard renders totals, charts or "no data", and weak items', async ({ session }) => {
  const page = await session.open();
  await signedInAs(page, 'office');
  await page.click('[data-test=menu-dashboard]');
  await page.waitForSelector('[data-test=dashboard]');
  await settle(page);
  for (const sel of ['[data-test=stat-total]', '[data-test=stat-rate]', '[data-test=stat-coverage]', '[data-test=weak-items]']) {
    if (!(await page.isVisible(sel))) throw new Error(`${sel} is not visible`);
  }
  const total = (await page.textContent('[data-test=stat-total] .stat-value')).trim();
  const hasRadar = (await page.$('[data-test=radar] canvas')) !== null;
  if (total !== '—' && !hasRadar) throw new Error(`a total (${total}) is shown but no aspect radar`);
  if (total === '—' && !(await page.textContent('[data-test=dashboard]')).includes('暂无数据')) {
    throw new Error('no score and no "暂无数据" placeholder');
  }
  await shot(page, 'dashboard');
});

test('language switch turns the menu to English and persists', async ({ session }) => {
  const page = await session.open();
  await signedInAs(page, 'office');
  const before = await menuTexts(page);
  if (!before.includes('驾驶舱')) throw new Error(`Chinese menu expected, got ${JSON.stringify(before)}`);
  await page.click('[data-test=lang-switch]');
  await page.click('[data-test=lang-en]');
  await page.waitForFunction(() => document.querySelector('[data-test=menu-dashboard]')?.textContent.includes('Dashboard'));
  expectEqual(await menuTexts(page), ['Dashboard', 'Framework', 'Scores', 'Sites', 'Rounds', 'Cases', 'Work plans', 'Units'], 'English menu');
  await page.reload();
  await page.waitForSelector('[data-test=menu-dashboard]');
  await settle(page);
  const after = (await page.textContent('[data-test=menu-dashboard]')).trim();
  if (after !== 'Dashboard') throw new Error(`after reload the menu says ${after}`);
  await shot(page, 'dashboard-en');
});

test('sign-out returns to sign-in and the session is gone', async ({ session, baseUrl }) => {
  const page = await session.open();
  await signedInAs(page, 'leader');
  await page.click('[data-test=sign-out]');
  await page.waitForURL((u) => u.pathname === '/login', { timeout: 10000 });
  await page.goto(`${baseUrl}/dashboard`);
  await page.waitForSelector('[data-test=login-submit]');
});

test('wrong password shows the error', async ({ session }) => {
  const page = await session.open();
  await signIn(page, 'auditor', 'not-the-password');
  await page.waitForSelector('[data-test=login-error], .el-form-item__error', { timeout: 10000 });
  const text = await page.textContent('.login-card');
  if (!/用户名或密码错误|账户已锁定/.test(text)) throw new Error(`no error message shown; the card says: ${text}`);
  if (new URL(page.url()).pathname !== '/login') throw new Error('left the sign-in page');
  await shot(page, 'login-error');
});

test('repeated wrong passwords lock the account and the lock message shows', async ({ session }) => {
  const page = await session.open();
  for (let attempt = 1; attempt <= 10; attempt++) {
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login', { timeout: 10000 }),
      signIn(page, 'inspector5', `wrong-${attempt}`),
    ]);
    if (res.status() === 429) {
      await page.waitForFunction(
        () => document.querySelector('[data-test=login-error]')?.textContent.includes('账户已锁定，请15分钟后再试'),
        undefined,
        { timeout: 10000 },
      );
      await shot(page, 'login-locked');
      return;
    }
    if (res.status() !== 401) throw new Error(`attempt ${attempt}: HTTP ${res.status()}, expected 401 or 429`);
  }
  throw new Error('10 wrong passwords in a row never locked the account');
});

test('adding a user: a server-side error shows under its field, then the user is created', async ({ session }) => {
  const page = await session.open();
  await signedInAs(page, 'admin');
  const unitCode = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user.unit.code);
  await page.click('[data-test=menu-users]');
  await page.waitForSelector('[data-test=add-user]');
  await page.click('[data-test=add-user]');
  const username = `e2e${Date.now() % 1000000}`;
  await page.fill('input[data-test=user-username]', username);
  await page.fill('input[data-test=user-display-name]', '测试用户');
  await page.fill('input[data-test=user-unit]', 'NO-SUCH-UNIT');
  await page.click('[data-test=user-roles]');
  await page.click('.el-select-dropdown__item:visible >> nth=0');
  await page.keyboard.press('Escape');
  await page.click('[data-test=user-save]');
  const unitItem = page.locator('.el-dialog .el-form-item', { has: page.locator('input[data-test=user-unit]') });
  await unitItem.locator('.el-form-item__error').waitFor({ timeout: 10000 });
  await shot(page, 'user-add-error');
  await page.fill('input[data-test=user-unit]', unitCode);
  await page.click('[data-test=user-save]');
  await page.waitForSelector('[data-test=one-time-password]', { timeout: 10000 });
  await page.click('.el-message-box .el-button--primary');
  await page.locator('.el-table__body-wrapper tr', { hasText: username }).first().waitFor({ timeout: 10000 });
});

test('a reset password must be changed before anything else', async ({ session }) => {
  const page = await session.open();
  await signedInAs(page, 'security');
  await page.click('[data-test=menu-users]');
  const row = page.locator('.el-table__body-wrapper tr', { hasText: 'jiedao' }).first();
  await row.locator('button', { hasText: '重置密码' }).click();
  await page.click('.el-message-box .el-button--primary');
  const otp = (await page.locator('[data-test=one-time-password]').textContent({ timeout: 10000 })).trim();
  if (!otp) throw new Error('no one-time password shown');
  await page.click('.el-message-box .el-button--primary');
  await page.click('[data-test=sign-out]');
  await page.waitForURL((u) => u.pathname === '/login');
  await signIn(page, 'jiedao', otp);
  await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
  await page.goto(`${session.baseUrl}/dashboard`);
  await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
  if (new URL(page.url()).pathname !== '/password') throw new Error(`could leave the password page: ${page.url()}`);
  await shot(page, 'password-forced');
  const inputs = page.locator('[data-test=change-password] input');
  await inputs.nth(0).fill(otp);
  await inputs.nth(1).fill('Jiedao#2026new');
  await inputs.nth(2).fill('Jiedao#2026new');
  await page.click('[data-test=change-password] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/dashboard', { timeout: 10000 });
  await settle(page);
});

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.civic && !args.baseUrl) cannotRun('give --civic PATH (or --base-url URL)');
  if (!fs.existsSync(CHROMIUM)) cannotRun(`no Chromium at ${CHROMIUM}`);

  const server = args.baseUrl
    ? { baseUrl: args.baseUrl.replace(/\/$/, ''), stop: async () => undefined, log: [] }
    : await startServer(path.resolve(args.civic));
  // Old screenshots go only once there is a server to take new ones from.
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) if (f.endsWith('.png')) fs.rmSync(path.join(RESULTS, f));

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-chromium-'));
  let context;
  let passed = 0;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const p of context.pages()) await p.close();
    console.log(`1..${tests.length}`);
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i];
      const session = new Session(context, server.baseUrl);
      let error = null;
      try {
        await t.fn({ session, baseUrl: server.baseUrl });
        await session.page?.waitForTimeout(200);
      } catch (e) {
        error = e;
      }
      if (!error && session.errors.length) error = new Error(session.errors.join('\n'));
      if (error && session.page) await shot(session.page, `FAILED-${i + 1}`).catch(() => undefined);
      await session.close();
      if (error) {
        failed++;
        console.log(`not ok ${i + 1} - ${t.name}`);
        // Playwright appends the browser's whole log to some errors: keep the reason, not the noise.
        const lines = String(error.message ?? error)
          .replace(/\x1b\[[0-9;]*m/g, '')
          .split('\n').filter((l) => l.trim() && !/^\s*(\[pid=|<launch|Browser logs)/.test(l));
        for (const line of lines.slice(0, 12)) console.log(`  ${line}`);
      } else {
        passed++;
        console.log(`ok ${i + 1} - ${t.name}`);
      }
    }
  } catch (e) {
    failed++;
    console.log(`not ok ${tests.length + 1} - browser session`);
    console.log(`  ${e.message ?? e}`);
  } finally {
    await context?.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
  if (failed && server.log.length) {
    console.log('# server log (last lines):');
    for (const line of server.log.join('').split('\n').slice(-20)) console.log(`#   ${line}`);
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`# run.mjs crashed: ${e.stack ?? e}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
});
