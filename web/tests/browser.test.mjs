// End-to-end tests of the web application in a real browser (headless Debian chromium through
// playwright-core), against a real `htx serve` on a small demo registry (see harness.mjs).
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/browser.test.mjs
//
// Registered with CTest as browser_e2e (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
// Screenshots of the main pages go to $HTX_ARTIFACTS_DIR (default build/test-artifacts/screenshots).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  artifactsDir, launchBrowser, prerequisites, python3WithOpenpyxl, startServer, users,
} from './harness.mjs';

const pre = prerequisites();
const inCI = /^(true|1|yes)$/i.test(process.env.CI || '');
const SKIP_MARK = 'HTX browser tests skipped';
let skip = false;
if (!pre.ok) {
  if (inCI) {
    test('browser test prerequisites (CI=true: missing ones are a failure)', () => {
      assert.fail(`missing: ${pre.missing.join('; ')}`);
    });
  }
  skip = `${inCI ? 'cannot run' : SKIP_MARK}: ${pre.missing.join('; ')}`;
  console.error(skip);  // CTest's SKIP_REGULAR_EXPRESSION looks for SKIP_MARK (never under CI)
}

// ---- helpers ----

// Text as the registry search compares it: no diacritics, lower case, single spaces.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
  .toLowerCase().replace(/\s+/g, ' ').trim();
const digits = (s) => (s.match(/\d/g) ? Number(s.replace(/\D/g, '')) : NaN);
const formatVi = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

// Calls fn until it answers { ok: true } or the time is up; returns its last answer. A call that
// throws because the page is navigating meanwhile (a form that reloads the page rather than
// swapping a fragment: "Execution context was destroyed") is tried again; at the end the last
// error is thrown. The deadline is generous: under load (other suites' browsers and builds on
// the same cores) a page load alone can take several seconds.
async function poll(fn, { timeout = 30_000, interval = 200 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    let last;
    let error;
    try {
      last = await fn();
    } catch (e) {
      error = e;
    }
    if (!error && (last.ok || Date.now() > end)) return last;
    if (error && Date.now() > end) throw error;
    await new Promise((r) => setTimeout(r, interval));
  }
}

// The date to found the test cooperative on: the 1st of this month (today on the 1st), UTC.
function foundingDate() {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { iso: d.toISOString().slice(0, 10), vi: `01/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}` };
}

let codeSerial = 0;
function newCode() {
  codeSerial += 1;
  return `01999${String(process.pid % 1000).padStart(3, '0')}${codeSerial}`;
}

let server;
let browser;
const contexts = {};

function newContext(extra = {}) {
  return browser.newContext({
    baseURL: server.baseURL, locale: 'vi-VN', viewport: { width: 1280, height: 900 },
    acceptDownloads: true, ...extra,
  });
}

// Signs in through the form; returns the page (on the page the site redirected to).
async function signIn(context, user) {
  const page = await context.newPage();
  const res = await page.goto('/login');
  assert.equal(res.status(), 200, 'GET /login');
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  assert.equal(await page.locator('input[name=csrf]').count(), 1, '/login has a hidden csrf input');
  const [post] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.locator('form:has(input[name=password]) [type=submit]').first().click(),
  ]);
  await page.waitForLoadState();
  assert.equal(post.status(), 303, `POST /login as ${user.username} answers 303 (page now: ${page.url()})`);
  assert.notEqual(new URL(page.url()).pathname, '/login', `signed in as ${user.username}`);
  return page;
}

let adminSignedIn = null;  // a promise: rejected if the admin could not sign in
function admin() {
  return adminSignedIn.then(() => contexts.admin);
}

async function stockHtx(page, path = '/') {
  await page.goto(path);
  const r = await poll(async () => {
    const t = (await page.locator('#stock-htx').textContent({ timeout: 15_000 })) ?? '';
    return { ok: Number.isFinite(digits(t)), value: digits(t), text: t };
  });
  assert.ok(r.ok, `#stock-htx shows a number (it shows "${r.text}")`);
  return r.value;
}

// Sets a form field by name, whatever control it is (select, radio, checkbox, input).
async function setField(form, name, value, { labelIncludes } = {}) {
  const el = form.locator(`[name="${name}"]`);
  const n = await el.count();
  assert.ok(n > 0, `the form has a field named ${name}`);
  const first = el.first();
  const tag = await first.evaluate((e) => e.tagName.toLowerCase());
  const type = (await first.getAttribute('type')) || '';
  if (tag === 'select') {
    const options = await first.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    let pick = options.find((o) => o.value === value);
    if (!pick && labelIncludes) pick = options.filter((o) => o.label.includes(labelIncludes)).pop();
    if (!pick && value === '*') pick = options.find((o) => o.value !== '');
    assert.ok(pick, `${name}: no option ${value}${labelIncludes ? ` or labelled ${labelIncludes}` : ''} among ${JSON.stringify(options.slice(0, 8))}...`);
    await first.selectOption(pick.value);
  } else if (type === 'radio') {
    await form.locator(`[name="${name}"][value="${value}"]`).check();
  } else if (type === 'checkbox') {
    if (value) await first.check(); else await first.uncheck();
  } else {
    await first.fill(String(value));
  }
}

// A complete, valid new cooperative, through the /registry/new form. Returns the response of
// the POST and the page.
async function submitNewCooperative(page, code, founded) {
  const res = await page.goto('/registry/new');
  assert.equal(res.status(), 200, 'GET /registry/new');
  const form = page.locator('form:has([name=code])').first();
  await setField(form, 'code', code);
  await setField(form, 'name', `Hợp tác xã Thử nghiệm Trình duyệt ${code}`);
  await setField(form, 'type', 'HTX');
  await setField(form, 'sector_id', 'nong_nghiep', { labelIncludes: 'Nông nghiệp' });
  await setField(form, 'province_id', '01-2025', { labelIncludes: 'Hà Nội' });
  await setField(form, 'address', 'Thôn 1, xã Thử Nghiệm, Hà Nội');
  const dateType = (await form.locator('[name=founded_on]').first().getAttribute('type')) || 'text';
  await setField(form, 'founded_on', dateType === 'date' ? founded.iso : founded.vi);
  await setField(form, 'members', '25');
  const [post] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/registry'),
    form.locator('[type=submit]').first().click(),
  ]);
  await page.waitForLoadState();
  return { post, page };
}

async function fieldErrors(page) {
  return page.locator('p.field-error').evaluateAll((ps) => ps.map((p) => `${p.id}: ${p.textContent.trim()}`));
}

// The first record of a province (id as in data/geo/provinces.csv), from the public API.
async function codeInProvince(request, provinceId) {
  const r = await request.get(`/api/v1/cooperatives?province=${encodeURIComponent(provinceId)}&limit=1`);
  assert.equal(r.status(), 200, `GET /api/v1/cooperatives?province=${provinceId}`);
  const j = await r.json();
  assert.ok(j.items.length > 0, `the demo has records in ${provinceId}`);
  return j.items[0].code;
}

// ---- the tests ----

describe('web application in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    contexts.admin = await newContext();
    contexts.axe = await newContext({ bypassCSP: true });  // axe-core is injected as a script
    contexts.anon = await newContext();
    contexts.anonAxe = await newContext({ bypassCSP: true });
    adminSignedIn = signIn(contexts.admin, users.admin).then((p) => p.close());
    adminSignedIn.catch(() => {});  // reported by the first test
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  });

  test('admin signs in through /login (POST → 303) and sees the dashboard', async () => {
    await adminSignedIn;
    const page = await (await admin()).newPage();
    const res = await page.goto('/');
    assert.equal(res.status(), 200);
    for (const id of ['stock-htx', 'stock-lhhtx', 'stock-tht', 'chart-monthly', 'chart-stock', 'chart-yearly']) {
      assert.equal(await page.locator(`#${id}`).count(), 1, `the dashboard has #${id}`);
    }
    assert.ok((await stockHtx(page)) > 0, 'the demo registry has cooperatives');
    await page.close();
  });

  test('a wrong password does not sign in', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.fill('input[name=username]', users.admin.username);
    await page.fill('input[name=password]', 'not-the-password');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form:has(input[name=password]) [type=submit]').first().click(),
    ]);
    await page.waitForLoadState();
    const res = await page.goto('/users');
    assert.ok(res.status() !== 200 || new URL(page.url()).pathname === '/login', '/users is not shown without signing in');
    await context.close();
  });

  test('search "ha noi" lists only records whose name or address contains Hà Nội', async () => {
    const page = await (await admin()).newPage();
    const res = await page.goto('/registry');
    assert.equal(res.status(), 200, 'GET /registry');
    const rows = page.locator('#registry-results tbody tr');
    const all = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent));
    assert.ok(all.length > 0, 'the unfiltered list shows records');
    assert.ok(all.some((t) => !fold(t).includes('ha noi')), 'the unfiltered list has records outside Hà Nội');
    await page.locator('input[name=q]').first().fill('ha noi');
    await page.locator('input[name=q]').first().press('Enter');
    // Whether the form navigates or swaps the table in place, wait until the rows match.
    const r = await poll(async () => {
      const texts = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent));
      return { ok: texts.length > 0 && texts.every((t) => fold(t).includes('ha noi')), texts };
    });
    const bad = r.texts.filter((t) => !fold(t).includes('ha noi'));
    assert.ok(r.texts.length > 0, 'the search finds records');
    assert.deepEqual(bad.map((t) => t.replace(/\s+/g, ' ').trim()), [], 'rows without Hà Nội');
    // The first cell of each row links to the record.
    const links = await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[0]?.querySelector('a')?.getAttribute('href') ?? ''));
    for (const href of links) assert.match(href, /^\/registry\/[^/?#]+$/, 'first cell links to /registry/{code}');
    await page.close();
  });

  let createdCode = '';
  test('a cooperative created through the form adds one to the dashboard\'s #stock-htx', async () => {
    const page = await (await admin()).newPage();
    const before = await stockHtx(page);
    const code = newCode();
    const { post } = await submitNewCooperative(page, code, foundingDate());
    if (post.status() !== 303) {
      assert.fail(`POST /registry answered ${post.status()}; field errors: ${JSON.stringify(await fieldErrors(page))}`);
    }
    createdCode = code;
    assert.equal(new URL(page.url()).pathname, `/registry/${code}`, 'redirected to the new record');
    assert.ok((await page.content()).includes(code), 'the record page shows its code');
    const r = await poll(async () => {
      const now = await stockHtx(page);
      return { ok: now === before + 1, now };
    });
    assert.equal(r.now, before + 1, `#stock-htx went from ${before} to ${r.now}`);
    await page.close();
  });

  test('the form refuses an invalid record with 422 and an error per field', async () => {
    const page = await (await admin()).newPage();
    await page.goto('/registry/new');
    const form = page.locator('form:has([name=code])').first();
    await setField(form, 'code', '');
    await setField(form, 'name', '');
    // The browser's own checks (required) would stop the submission before the server sees it.
    await form.evaluate((f) => { f.noValidate = true; });
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/registry'),
      form.locator('[type=submit]').first().click(),
    ]);
    await page.waitForLoadState();
    assert.equal(post.status(), 422);
    assert.equal(await page.locator('p.field-error#error-code').count(), 1, 'p.field-error#error-code');
    assert.equal(await page.locator('p.field-error#error-name').count(), 1, 'p.field-error#error-name');
    await page.close();
  });

  test('the .xlsx report of 2021 holds the figures the HTML report shows', async () => {
    const py = python3WithOpenpyxl();
    assert.ok(py, 'a python3 with openpyxl (python3-openpyxl) reads the .xlsx back');
    const page = await (await admin()).newPage();
    const res = await page.goto('/reports?period=2021');
    assert.equal(res.status(), 200, 'GET /reports?period=2021');
    const link = page.locator('a[href*="format=xlsx"]').first();
    assert.equal(await link.count(), 1, 'a download link with format=xlsx');
    const href = new URL(await link.getAttribute('href'), server.baseURL);
    assert.equal(href.pathname, '/reports/download');
    assert.equal(href.searchParams.get('period'), '2021');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(server.dir, 'report-2021.xlsx');
    await download.saveAs(file);

    // The first sheet: the header row holding "Cuối kỳ" (closing), the rows HTX and Tổng cộng.
    const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True).worksheets[0]
rows = [list(r) for r in ws.iter_rows(values_only=True)]
col = None; out = {}
for r in rows:
    if col is None:
        for i, v in enumerate(r):
            if isinstance(v, str) and v.strip() in ("Cuối kỳ", "Closing"): col = i
        continue
    if r and isinstance(r[0], str) and r[0].strip() in ("HTX", "THT", "Tổng cộng", "Total"):
        out.setdefault(r[0].strip(), r[col])
print(json.dumps(out))`;
    const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `openpyxl read ${file}: ${r.stderr}`);
    const xlsx = JSON.parse(r.stdout);
    assert.ok(Number.isInteger(xlsx.HTX), `the xlsx has a closing figure for HTX: ${r.stdout}`);

    // The same figure in the API's report (same period and boundaries).
    const boundaries = href.searchParams.get('boundaries') || '';
    const api = await page.request.get(`/api/v1/reports/2021${boundaries ? `?boundaries=${boundaries}` : ''}`);
    assert.equal(api.status(), 200);
    const closing = (await api.json()).figures.current.national.HTX.closing;
    assert.equal(xlsx.HTX, closing, 'xlsx closing HTX = API closing HTX');

    // And on the HTML page: a table row labelled HTX that shows that figure.
    const rowsOnPage = await page.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const htxRows = rowsOnPage.filter((cells) => cells.includes('HTX'));
    assert.ok(htxRows.some((cells) => cells.includes(formatVi(closing))),
      `a row "HTX" of the HTML report shows ${formatVi(closing)} (rows: ${JSON.stringify(htxRows.slice(0, 3))})`);
    await page.close();
  });

  test('a provincial user gets 403 on another province\'s record, 200 on their own', async () => {
    const request = (await admin()).request;
    const hanoiCode = await codeInProvince(request, '01-2008');
    const danangCode = await codeInProvince(request, '48-2008');
    const context = await newContext();
    contexts.hanoi = context;
    const page = await signIn(context, users.hanoi);
    const own = await page.goto(`/registry/${hanoiCode}`);
    assert.equal(own.status(), 200, `Hà Nội staff opens Hà Nội record ${hanoiCode}`);
    const other = await page.goto(`/registry/${danangCode}`);
    assert.equal(other.status(), 403, `Hà Nội staff opens Đà Nẵng record ${danangCode}`);
    await context.close();
  });

  test('a POST without a CSRF token, or with a forged one, is refused with 403 and changes nothing', async () => {
    const context = await admin();
    const page = await context.newPage();
    const before = await stockHtx(page);
    const code = newCode();
    const fields = {
      code, name: `Hợp tác xã Không CSRF ${code}`, type: 'HTX', sector_id: 'nong_nghiep',
      province_id: '01-2025', address: 'Thôn 2, Hà Nội', founded_on: foundingDate().iso, members: '9',
    };
    const noToken = await page.request.post('/registry', { form: fields, maxRedirects: 0 });
    assert.equal(noToken.status(), 403, 'POST /registry without csrf');
    const forged = await page.request.post('/registry', { form: { ...fields, csrf: 'f'.repeat(64) }, maxRedirects: 0 });
    assert.equal(forged.status(), 403, 'POST /registry with a forged csrf field');
    const forgedHeader = await page.request.post('/registry', {
      form: fields, headers: { 'X-CSRF-Token': '0'.repeat(64) }, maxRedirects: 0,
    });
    assert.equal(forgedHeader.status(), 403, 'POST /registry with a forged X-CSRF-Token header');
    // From the page itself, as a cross-site script would (fetch, no token).
    const fromPage = await page.evaluate(async (f) => (await fetch('/registry', {
      method: 'POST', body: new URLSearchParams(f), redirect: 'manual',
    })).status, fields);
    assert.equal(fromPage, 403, 'fetch POST /registry without csrf');
    const logout = await page.request.post('/logout', { maxRedirects: 0 });
    assert.equal(logout.status(), 403, 'POST /logout without csrf');

    assert.equal((await page.goto(`/registry/${code}`)).status(), 404, 'no record was created');
    assert.equal((await page.request.get(`/api/v1/cooperatives/${code}`)).status(), 404);
    assert.equal(await stockHtx(page), before, '#stock-htx unchanged');
    // Still signed in (the refused logout did nothing).
    assert.equal((await page.goto('/users')).status(), 200, 'still signed in');
    // Control: the same record with the page's own token is accepted.
    const { post } = await submitNewCooperative(page, code, foundingDate());
    assert.equal(post.status(), 303, `with the form's token: ${JSON.stringify(await fieldErrors(page))}`);
    await page.close();
  });

  test('main pages: no serious or critical axe-core violation, no CSP or script error; screenshots', async (t) => {
    await admin();
    await signIn(contexts.axe, users.admin).then((p) => p.close());
    const detailCode = createdCode || await codeInProvince(contexts.admin.request, '01-2008');
    const pages = [
      ['dashboard', '/', 'admin'],
      ['login', '/login', 'anon'],
      ['registry', '/registry?q=ha+noi', 'admin'],
      ['registry-detail', `/registry/${detailCode}`, 'admin'],
      ['registry-new', '/registry/new', 'admin'],
      ['reports-2021', '/reports?period=2021', 'admin'],
      ['import', '/import', 'admin'],
      ['users', '/users', 'admin'],
      ['audit', '/audit', 'admin'],
      ['dashboard-en', '/?lang=en', 'admin'],
    ];
    const shots = artifactsDir();
    const failures = [];
    for (const [name, path, who] of pages) {
      await t.test(`${name} ${path}`, async () => {
        // 1. As the site really runs (its CSP enforced): status, errors, screenshot.
        const page = await contexts[who].newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        const res = await page.goto(path);
        assert.equal(res.status(), 200, `GET ${path}`);
        await page.waitForLoadState('networkidle').catch(() => {});
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
        await page.close();

        // 2. axe-core (its script injected, hence the context that bypasses the CSP).
        const axePage = await contexts[who === 'anon' ? 'anonAxe' : 'axe'].newPage();
        await axePage.goto(path);
        await axePage.waitForLoadState('networkidle').catch(() => {});
        await axePage.addScriptTag({ path: pre.axe });
        const axe = await axePage.evaluate(async () => {
          const r = await window.axe.run(document);
          return {
            version: window.axe.version,
            passes: r.passes.length,
            violations: r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            })),
          };
        });
        const lang = await axePage.evaluate(() => document.documentElement.lang);
        await axePage.close();
        const { violations } = axe;
        console.log(`axe ${axe.version} ${name}: ${axe.passes} rules passed, ${violations.length} violated`);
        assert.ok(axe.passes > 0, 'axe-core ran on the page');
        assert.equal(lang, name.endsWith('-en') ? 'en' : 'vi', `<html lang> of ${path}`);
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        for (const v of violations) {
          console.log(`axe ${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(', ')}`);
        }
        for (const p of problems) console.log(`${name}: ${p}`);
        if (bad.length || problems.length) failures.push(name);
        assert.deepEqual(bad, [], `serious/critical axe violations on ${path}`);
        assert.deepEqual(problems, [], `script or CSP errors on ${path}`);
      });
    }
    console.log(`screenshots in ${shots}`);
    assert.deepEqual(failures, []);
  });
});
