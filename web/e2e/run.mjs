#!/usr/bin/env node
// Browser tests of the web console against a real `civic serve`.
//
//   node e2e/run.mjs --civic ../build/civic      (from web/, after `npm run build`)
//   node e2e/run.mjs --base-url http://127.0.0.1:8080   (an already running server with the demo data)
//
// With --civic it makes a temp data dir and runs `civic init --demo` once; then each test module (file) gets its
// own copy of that demo data and its own `civic serve` on a free port with --web dist, so no module sees what
// another one changed; it waits for /api/health, runs the module's tests in headless Debian Chromium (never a
// downloaded browser), and stops that server. Prints one TAP line per test and `browser: N passed, N failed`; exits 1 on any
// failure, 2 when it cannot run at all (binary missing, `civic init/serve` failing, no dist/).
// A test fails on any page error or console error, and on any /api answer of 400 or more that it did not
// declare with session.expectRefusal(method, status, pathRegExp) (GET /api/me 401 before sign-in is always
// expected); the browser's own "Failed to load resource" console notes for declared answers are ignored.
// Screenshots of the pages go to test-results/*.png.
//
// Tests live in e2e/tests/*.test.mjs, loaded in file-name order; each exports
// `default function register(test, h)` and calls test(name, async ({ session, baseUrl }) => ...);
// h is ./harness.mjs (signIn, signedInAs, settle, shot, expectEqual, menuNames, ...).
// `--only TEXT` runs the tests whose name contains TEXT (several: A|B); `--web DIR` serves another build than web/dist
// (e.g. `npx vite build --outDir /tmp/my-dist` while someone else rebuilds web/dist); `--results DIR`
// puts the screenshots elsewhere than web/test-results.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import * as h from './harness.mjs';
import { RESULTS, Session, WEB_DIR, setResults, shot } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const args = { civic: null, baseUrl: null, only: null, web: path.join(WEB_DIR, 'dist') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--civic') args.civic = argv[++i];
    else if (argv[i] === '--base-url') args.baseUrl = argv[++i];
    else if (argv[i] === '--only') args.only = argv[++i];
    else if (argv[i] === '--web') args.web = path.resolve(argv[++i]);
    else if (argv[i] === '--results') setResults(path.resolve(argv[++i]));
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(
        'usage: node e2e/run.mjs (--civic PATH | --base-url URL) [--only TEXT] [--web DIST_DIR] [--results DIR]',
      );
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

// The demo city, made once; every module's server starts from a copy of it.
async function demoTemplate(civic, web) {
  if (!fs.existsSync(civic)) cannotRun(`no civic binary at ${civic} (build it first)`);
  if (!fs.existsSync(path.join(web, 'index.html'))) cannotRun(`${web} is not built (npm run build)`);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-demo-'));
  const init = await run(civic, ['init', '--demo', '--data', data]);
  if (init.code !== 0) {
    fs.rmSync(data, { recursive: true, force: true });
    cannotRun(`civic init --demo failed (${init.code}): ${init.out.trim()}`);
  }
  return data;
}

async function startServer(civic, web, template) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-'));
  fs.cpSync(template, data, { recursive: true });
  const port = await freePort();
  const log = [];
  const proc = spawn(civic, ['serve', '--data', data, '--host', '127.0.0.1', '--port', String(port), '--web', web], {
    // Every test signs in from this one address, wrong passwords included.
    env: { ...process.env, CIVIC_MAX_FAILED_LOGINS_PER_ADDRESS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
// Tests: each gets a fresh page (cookies and storage cleared) and fails on any page or console error.

async function loadTests(only) {
  const tests = [];
  let module = '';
  const test = (name, fn) => tests.push({ name, fn, module });
  const dir = path.join(WEB_DIR, 'e2e', 'tests');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort();
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    if (typeof mod.default !== 'function') throw new Error(`${f} does not export default register(test, h)`);
    module = f;
    mod.default(test, h);
  }
  const wanted = only ? only.split('|') : null;
  return wanted ? tests.filter((t) => wanted.some((w) => t.name.includes(w))) : tests;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.civic && !args.baseUrl) cannotRun('give --civic PATH (or --base-url URL)');
  if (!fs.existsSync(CHROMIUM)) cannotRun(`no Chromium at ${CHROMIUM}`);

  const tests = await loadTests(args.only);
  const civic = args.civic ? path.resolve(args.civic) : null;
  const template = args.baseUrl ? null : await demoTemplate(civic, args.web);
  // One server per module (a fresh copy of the demo), or the one given by --base-url for all.
  const shared = args.baseUrl
    ? { baseUrl: args.baseUrl.replace(/\/$/, ''), stop: async () => undefined, log: [] }
    : null;
  let server = shared;
  let serving = null;
  const failedModules = new Set();
  const printLog = () => {
    if (!server?.log.length || !failedModules.has(serving)) return;
    console.log(`# server log of ${serving ?? 'the server'} (last lines):`);
    for (const line of server.log.join('').split('\n').slice(-20)) console.log(`#   ${line}`);
  };
  const serverFor = async (module) => {
    if (shared) return shared;
    if (serving === module) return server;
    if (server) {
      printLog();
      await server.stop();
    }
    server = await startServer(civic, args.web, template);
    serving = module;
    return server;
  };
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
      await serverFor(t.module);
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
        failedModules.add(shared ? null : t.module);
        console.log(`not ok ${i + 1} - ${t.name}`);
        // Playwright appends the browser's whole log to some errors: keep the reason, not the noise.
        const lines = String(error.message ?? error)
          .replace(/\x1b\[[0-9;]*m/g, '')
          .split('\n')
          .filter((l) => l.trim() && !/^\s*(\[pid=|<launch|Browser logs)/.test(l));
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
    printLog();
    await server?.stop();
    if (template) fs.rmSync(template, { recursive: true, force: true });
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`# run.mjs crashed: ${e.stack ?? e}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
});
