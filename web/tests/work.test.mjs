// The work programme's whole loop in a real browser (headless Debian chromium through
// playwright-core) against a real `htx serve` on the demo database (see harness.mjs): sign in,
// record a document, assign its tasks, report progress and a blocker, see them on the standing
// leadership's list and in the month's review, download the review and read it with an
// independent reader (python3's zipfile + xml.etree for the .docx), axe-core on the new pages,
// screenshots; a provincial user is kept to their province.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/work.test.mjs
//
// Registered with CTest as browser_work (tests/browser). Without chromium or web/node_modules the
// tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, launchBrowser, prerequisites, startServer, users } from './harness.mjs';

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
  console.error(skip);
}

// ---- helpers ----

const two = (n) => String(n).padStart(2, '0');
const now = new Date();
const year = now.getFullYear();
const month = now.getMonth() + 1;
const today = `${two(now.getDate())}/${two(month)}/${year}`;
const firstOfMonth = `01/${two(month)}/${year}`;
const lastOfMonth = `${two(new Date(year, month, 0).getDate())}/${two(month)}/${year}`;
const period = `${year}-${two(month)}`;
const serial = 700 + (process.pid % 250);  // a document number of this run

// The text of every w:t of word/document.xml, read by python3's standard library only.
function docxText(file) {
  const script = [
    'import sys, zipfile, xml.etree.ElementTree as ET',
    'W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"',
    'z = zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'root = ET.fromstring(z.read("word/document.xml"))',
    'paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]',
    'sys.stdout.write("\\n".join(paras))',
  ].join('\n');
  for (const py of [process.env.HTX_PYTHON3, 'python3', '/usr/bin/python3']) {
    if (!py) continue;
    const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout;
    if (r.error) continue;
    throw new Error(`python3 could not read ${file}: ${r.stderr}`);
  }
  throw new Error('no python3 to read the .docx');
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

async function signIn(context, user) {
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

async function selectByLabel(page, selector, label) {
  const options = await page.locator(`${selector} option`).evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
  const pick = options.find((o) => o.label === label) ?? options.find((o) => o.label.includes(label));
  assert.ok(pick, `${selector}: no option labelled ${label} among ${JSON.stringify(options.slice(0, 10))}`);
  await page.selectOption(selector, pick.value);
  return pick.value;
}

// Submits the form that `button` belongs to and waits for the page it leads to.
async function submit(page, button) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(button).click(),
  ]);
  await page.waitForLoadState();
  return res;
}

// ---- the tests ----

describe('work programme in a browser', { skip, timeout: 600_000 }, () => {
  const state = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    contexts.admin = await newContext();
    contexts.axe = await newContext({ bypassCSP: true });
    await (await signIn(contexts.admin, users.admin)).close();
    await (await signIn(contexts.axe, users.admin)).close();
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  });

  test('record a document; the same number again is refused, naming it', async () => {
    const page = await contexts.admin.newPage();
    await page.goto('/work/tasks');
    assert.equal(await page.locator('nav.site-nav a[href="/work/tasks"][aria-current=page]').count(), 1, 'the nav entry is current');
    await page.goto('/work/documents/new');
    await page.selectOption('#f-kind', 'plan');
    await page.fill('#f-number', String(serial));
    await selectByLabel(page, '#f-issuer_unit_id', 'Văn phòng');
    await page.fill('#f-issued_on', today);
    await page.fill('#f-signer', 'Chánh Văn phòng');
    await page.fill('#f-title', `Kế hoạch thử nghiệm ${serial}`);
    let res = await submit(page, 'form.entity-form button[type=submit]');
    assert.equal(res.status(), 303, 'POST /work/documents answers 303');
    const row = page.locator('#work-documents tr', { hasText: `Kế hoạch thử nghiệm ${serial}` });
    assert.equal(await row.count(), 1, 'the document is listed');
    state.numberSymbol = (await row.locator('th').textContent()).trim();
    assert.match(state.numberSymbol, new RegExp(`^${serial}/KH-`));
    state.newTaskHref = await row.locator('a', { hasText: 'Giao đầu việc' }).getAttribute('href');

    await page.goto('/work/documents/new');
    await page.selectOption('#f-kind', 'plan');
    await page.fill('#f-number', String(serial));
    await selectByLabel(page, '#f-issuer_unit_id', 'Văn phòng');
    await page.fill('#f-issued_on', today);
    await page.fill('#f-title', 'Trùng số');
    res = await submit(page, 'form.entity-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#error-summary').textContent(), new RegExp(state.numberSymbol.replace('/', '\\/')));
    await page.close();
  });

  test('assign two tasks from it; a due date before the start is refused on the field', async () => {
    const page = await contexts.admin.newPage();
    await page.goto(state.newTaskHref);
    assert.ok((await page.locator('#f-document_id option:checked').textContent()).includes(state.numberSymbol), 'the document is chosen');
    await page.fill('#f-title', `Tổ chức hội nghị ${serial}`);
    await selectByLabel(page, '#f-lead_unit_id', 'Văn phòng');
    await page.fill('#f-owner', 'Nguyễn Văn Thử');
    await page.fill('#f-start_on', firstOfMonth);
    await page.fill('#f-due_on', `01/01/${year - 1}`);
    await page.check('#f-key_task');
    let res = await submit(page, 'form.work-task-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#error-due_on').textContent(), /trước ngày bắt đầu/);
    await page.fill('#f-due_on', lastOfMonth);
    res = await submit(page, 'form.work-task-form button[type=submit]');
    assert.equal(res.status(), 303, 'the task is assigned');
    state.taskPath = new URL(page.url()).pathname;
    assert.match(state.taskPath, /^\/work\/tasks\/\d+$/);

    await page.goto(state.newTaskHref);
    await page.fill('#f-title', `Tổng hợp báo cáo ${serial}`);
    await selectByLabel(page, '#f-lead_unit_id', 'Văn phòng');
    await page.fill('#f-start_on', firstOfMonth);
    await page.fill('#f-due_on', lastOfMonth);
    res = await submit(page, 'form.work-task-form button[type=submit]');
    assert.equal(res.status(), 303);
    await page.goto(`/work/tasks?document=${state.newTaskHref.split('=')[1]}`);
    assert.equal(await page.locator('#work-tasks tbody tr').count(), 2, 'the document has its two tasks');
    await page.close();
  });

  test('report progress and a blocker; the blocker is on the standing leadership\'s list', async () => {
    const page = await contexts.admin.newPage();
    await page.goto(state.taskPath);
    await page.fill('#progress-on', today);
    await page.fill('#progress-text', 'Đã gửi giấy mời');
    let res = await submit(page, '#form-progress button[type=submit]');
    assert.equal(res.status(), 303);
    await page.fill('#block-on', today);
    await page.fill('#block-text', `Chưa có hội trường ${serial}`);
    res = await submit(page, '#form-block button[type=submit]');
    assert.equal(res.status(), 303);
    const notes = await page.locator('#task-notes').textContent();
    assert.match(notes, /Đã gửi giấy mời/);
    assert.match(notes, new RegExp(`Chưa có hội trường ${serial}`));
    await page.goto('/work/blockers');
    assert.equal(await page.locator('#work-blockers tr', { hasText: `Chưa có hội trường ${serial}` }).count(), 1);
    await page.close();
  });

  test('the month\'s review shows it blocked; its downloads read back', async () => {
    const page = await contexts.admin.newPage();
    const res = await page.goto(`/work/review?period=${period}`);
    assert.equal(res.status(), 200);
    const blocked = await page.locator('#review-blocked').textContent();
    assert.match(blocked, new RegExp(`Tổ chức hội nghị ${serial}`));
    assert.match(blocked, new RegExp(`Chưa có hội trường ${serial}`));
    assert.equal(await page.locator('#review-registry').count(), 1, 'the registry figures of the month');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form.report-form').isVisible(), false, 'print hides the form');
    assert.equal(await page.locator('#review-draft').isVisible(), true, 'print shows the draft');
    await page.screenshot({ path: join(artifactsDir(), 'work-review-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const txt = await page.request.get(`/work/review/download?period=${period}&format=txt`);
    assert.equal(txt.status(), 200);
    assert.match(await txt.text(), new RegExp(`Tổ chức hội nghị ${serial}`));
    const json = await (await page.request.get(`/work/review/download?period=${period}&format=json`)).json();
    assert.ok(json.blocked.some((i) => i.task.title === `Tổ chức hội nghị ${serial}`), 'the JSON lists it as blocked');

    assert.equal(await page.locator('#download-docx').count(), 1, 'the review offers its .docx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-docx')]);
    const file = join(server.dir, 'review.docx');
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'a zip package');
    const text = docxText(file);
    assert.match(text, /BÁO CÁO/);
    assert.match(text, new RegExp(`tháng ${two(month)}`));
    assert.match(text, new RegExp(`Tổ chức hội nghị ${serial}`));
    state.docx = true;
    await page.close();
  });

  test('a provincial user sees neither the national office\'s task nor its forms', async () => {
    const context = await newContext();
    const page = await signIn(context, users.hanoi);
    const res = await page.goto(state.taskPath);
    assert.equal(res.status(), 403);
    const form = await page.goto('/work/tasks/new');
    assert.equal(form.status(), 200);
    const leads = await page.locator('#f-lead_unit_id option').allTextContents();
    assert.ok(!leads.some((l) => l.includes('Văn phòng')), `only the province's units: ${leads.join(', ')}`);
    await context.close();
  });

  test('new pages: no serious or critical axe-core violation; screenshots', async (t) => {
    const pages = [
      ['work-tasks', '/work/tasks?year=2021'],
      ['work-task-new', '/work/tasks/new'],
      ['work-task', state.taskPath],
      ['work-blockers', '/work/blockers'],
      ['work-documents', '/work/documents'],
      ['work-document-new', '/work/documents/new'],
      ['work-review-month', `/work/review?period=${period}`],
      ['work-review-2021-02', '/work/review?period=2021-02'],
      ['work-review-2021', '/work/review?period=2021'],
    ];
    const shots = artifactsDir();
    for (const [name, path] of pages) {
      await t.test(`${name} ${path}`, async () => {
        const page = await contexts.admin.newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        const res = await page.goto(path);
        assert.equal(res.status(), 200, `GET ${path}`);
        await page.waitForLoadState('networkidle').catch(() => {});
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
        await page.close();
        assert.deepEqual(problems, [], `no script or CSP error on ${path}`);

        const axePage = await contexts.axe.newPage();
        await axePage.goto(path);
        await axePage.addScriptTag({ path: pre.axe });
        const axe = await axePage.evaluate(async () => {
          const r = await window.axe.run(document);
          return {
            passes: r.passes.length,
            violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
          };
        });
        await axePage.close();
        for (const v of axe.violations) console.log(`axe ${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(', ')}`);
        assert.ok(axe.passes > 0, 'axe-core ran');
        const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], `serious/critical axe violations on ${path}`);
      });
    }
  });
});
