// Browser-test harness: a throwaway HTX server on a small demo registry, with users, and a
// headless Debian chromium driven by playwright-core.
//
//   import { prerequisites, startServer, launchBrowser } from './harness.mjs';
//   const pre = prerequisites();            // { ok, missing: [...], chromium, htxBin, ... }
//   const server = await startServer();     // { baseURL, port, dir, db, users, htx(), stop() }
//   const browser = await launchBrowser();  // playwright Browser (fresh profile)
//   ...
//   await browser.close(); await server.stop();
//
// Environment: HTX_BIN (the htx program), HTX_DATA_DIR (data/), HTX_CHROMIUM (default
// /usr/bin/chromium), HTX_PYTHON3 (a python3 with openpyxl), HTX_ARTIFACTS_DIR (screenshots;
// default build/test-artifacts/screenshots), HTX_KEEP_TMP=1 keeps the temporary directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const repoRoot = resolve(webDir, '..');
const require = createRequire(join(webDir, 'package.json'));

export const users = {
  admin: { username: 'admin', password: 'Admin-pass-2026!', role: 'admin', name: 'Quản trị viên' },
  hanoi: {
    username: 'hanoi.staff', password: 'HaNoi-pass-2026!', role: 'provincial_staff',
    province: 'Hà Nội', name: 'Cán bộ Hà Nội',
  },
  danang: {
    username: 'danang.staff', password: 'DaNang-pass-2026!', role: 'provincial_staff',
    province: 'Đà Nẵng', name: 'Cán bộ Đà Nẵng',
  },
};

// What the browser tests need, and what is missing (human-readable).
export function prerequisites() {
  const missing = [];
  const htxBin = process.env.HTX_BIN || '';
  const dataDir = process.env.HTX_DATA_DIR || join(repoRoot, 'data');
  const chromium = process.env.HTX_CHROMIUM || '/usr/bin/chromium';
  if (!htxBin) missing.push('HTX_BIN is not set (the path of the htx program)');
  else if (!existsSync(htxBin)) missing.push(`HTX_BIN=${htxBin} does not exist`);
  if (!existsSync(join(dataDir, 'messages'))) missing.push(`HTX_DATA_DIR=${dataDir} has no messages/`);
  if (!existsSync(chromium)) {
    missing.push(`${chromium} is missing (scripts/install-deps.sh --test installs chromium)`);
  }
  let playwright = '';
  let axe = '';
  try {
    playwright = require.resolve('playwright-core');
  } catch {
    missing.push('web/node_modules/playwright-core is missing (run scripts/npm-deps.sh)');
  }
  try {
    axe = require.resolve('axe-core/axe.min.js');
  } catch {
    missing.push('web/node_modules/axe-core is missing (run scripts/npm-deps.sh)');
  }
  return { ok: missing.length === 0, missing, htxBin, dataDir, chromium, playwright, axe };
}

export function artifactsDir() {
  const dir = process.env.HTX_ARTIFACTS_DIR || join(repoRoot, 'build', 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// The first python3 that can import openpyxl: $HTX_PYTHON3, python3, /usr/bin/python3.
export function python3WithOpenpyxl() {
  for (const py of [process.env.HTX_PYTHON3, 'python3', '/usr/bin/python3']) {
    if (!py) continue;
    const r = spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return '';
}

// Runs htx synchronously; throws with its output when it fails.
function runHtx(bin, env, args, input) {
  const r = spawnSync(bin, args, { env, input, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`htx ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

// Builds the demo database, adds the users and starts `htx serve` on a free loopback port.
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'htx-browser-'));
  const started = { child: null };
  try {
    return await startIn(dir, started, options);
  } catch (e) {
    // Nothing left behind when the start fails (a server that did not listen, a temp dir).
    if (started.child && started.child.exitCode === null) started.child.kill('SIGKILL');
    if (process.env.HTX_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function startIn(dir, started, { scale = '0.05', withUsers = true }) {
  const pre = prerequisites();
  const db = join(dir, 'demo.db');
  const env = { ...process.env, HTX_DATA_DIR: pre.dataDir };
  delete env.HTX_DB;
  const htx = (args, input) => runHtx(pre.htxBin, env, ['--db', db, ...args], input);

  htx(['demo', '--scale', scale]);
  for (const u of withUsers ? Object.values(users) : []) {
    const args = ['user', 'add', u.username, '--role', u.role, '--name', u.name, '--password-stdin'];
    if (u.province) args.push('--province', u.province);
    htx(args, `${u.password}\n`);
  }

  const child = spawn(pre.htxBin, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.child = child;
  // Never leave a server behind, even when the test process dies of an uncaught error.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);  // access log: keep the end
  });
  child.stdout.setEncoding('utf8');
  const baseURL = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`htx serve printed no address in 30 s:\n${stdout}\n${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      // "listening on http://127.0.0.1:PORT" or the catalogue's sentence with the same URL
      const m = stdout.match(/http:\/\/[^\s]+/);
      if (m) {
        clearTimeout(timer);
        const url = new URL(m[0].replace(/[).,;]+$/, ''));
        resolvePromise(`http://127.0.0.1:${url.port}`);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`htx serve exited (${code ?? signal}) before listening:\n${stdout}\n${stderr}`));
    });
  });

  let stopped = false;
  const exited = new Promise((r) => child.on('exit', r));
  return {
    baseURL,
    port: Number(new URL(baseURL).port),
    dir,
    db,
    users,
    htx,
    log: () => stderr,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }
      if (process.env.HTX_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A headless chromium with a fresh (temporary) profile.
export async function launchBrowser() {
  const pre = prerequisites();
  const mod = await import(pathToFileURL(pre.playwright).href);
  const chromium = mod.chromium ?? mod.default.chromium;
  return chromium.launch({ executablePath: pre.chromium, headless: true, args: chromiumArgs });
}

// What a browser test file does when the prerequisites are missing: `false` when it may run;
// else the reason to pass as node:test's `skip` (printed with the mark CTest's
// SKIP_REGULAR_EXPRESSION looks for), and under CI=true a failing test as well.
export const SKIP_MARK = 'HTX browser tests skipped';
export async function skipUnlessReady() {
  const pre = prerequisites();
  if (pre.ok) return false;
  const inCI = /^(true|1|yes)$/i.test(process.env.CI || '');
  if (inCI) {
    const { test } = await import('node:test');
    const assert = (await import('node:assert/strict')).default;
    test('browser test prerequisites (CI=true: missing ones are a failure)', () => {
      assert.fail(`missing: ${pre.missing.join('; ')}`);
    });
  }
  const reason = `${inCI ? 'cannot run' : SKIP_MARK}: ${pre.missing.join('; ')}`;
  console.error(reason);
  return reason;
}

// Signs `user` in on a new page of `context` (the page is returned, on the page after login).
export async function signIn(context, user) {
  const assert = (await import('node:assert/strict')).default;
  const page = await context.newPage();
  assert.equal((await page.goto('/login')).status(), 200);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.locator('form:has(input[name=password]) [type=submit]').first().click(),
  ]);
  await page.waitForLoadState();
  assert.notEqual(new URL(page.url()).pathname, '/login', `signed in as ${user.username}`);
  return page;
}

// Submits the form that `button` belongs to and waits for the page it leads to; the POST's
// response (its status: 303 when done, 422 with the errors beside the fields).
export async function submit(page, button) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(button).click(),
  ]);
  await page.waitForLoadState();
  return res;
}

// The texts of a form's errors shown in `page` (beside the fields and in the summary).
export async function formErrors(page) {
  return page.locator('.field-error, .error-summary li, .error-summary p').evaluateAll((ps) => ps.map((p) => p.textContent.trim()));
}

// Today as the forms write a date: "07/12/2026".
export function today() {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

// Every axe-core violation of the page open in `page` (whose context bypasses the CSP).
export async function axeRun(page) {
  await page.addScriptTag({ path: prerequisites().axe });
  return page.evaluate(async () => {
    const r = await window.axe.run(document);
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
    };
  });
}

// A server on the demo, a browser, and two contexts signed in as the admin: `admin` (under the
// site's CSP) and `axe` (bypassing it to inject axe-core); `newContext(extra)` makes more, and
// `close()` ends it all.
export async function startSession() {
  const server = await startServer();
  const browser = await launchBrowser().catch(async (e) => { await server.stop(); throw e; });
  const newContext = (extra = {}) => browser.newContext({
    baseURL: server.baseURL, locale: 'vi-VN', viewport: { width: 1280, height: 900 }, ...extra,
  });
  const admin = await newContext();
  const axe = await newContext({ bypassCSP: true });
  await (await signIn(admin, users.admin)).close();
  await (await signIn(axe, users.admin)).close();
  return {
    server, browser, newContext, admin, axe,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// Opens `path` in the session's admin context (under the CSP): it must answer 200 without a
// script or CSP error; a full-page screenshot `name`.png goes to artifactsDir(). Then axe-core
// runs on it in the axe context: its result ({ passes, violations }).
export async function screenshotAndAxe(session, name, path) {
  const assert = (await import('node:assert/strict')).default;
  const page = await session.admin.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const res = await page.goto(path);
  assert.equal(res.status(), 200, `GET ${path}`);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(artifactsDir(), `${name}.png`), fullPage: true });
  await page.close();
  assert.deepEqual(problems, [], `no script or CSP error on ${path}`);
  const axePage = await session.axe.newPage();
  await axePage.goto(path);
  const result = await axeRun(axePage);
  await axePage.close();
  return result;
}
