// OCOP products' pages in a real browser (headless Debian chromium through playwright-core)
// against a real `htx serve` on the demo database (harness.mjs; the demo has OCOP certificates
// in six provinces, some expired): the list and its counts, a new certificate whose stars come
// from its scores (a claimed star that does not match and a score outside its part are refused
// beside their fields, nothing is written), the certificate's page and its renewal form, the
// upload of a province's list (.xlsx, all or nothing, errors by row and column), a provincial
// user who sees only their province; axe-core finds no violation on OCOP's pages.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/ocop.test.mjs
//
// Registered with CTest as browser_ocop (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  axeRun, formErrors, python3WithOpenpyxl, signIn, skipUnlessReady, startSession, submit, today, users,
} from './harness.mjs';

const skip = await skipUnlessReady();
let session;
const state = {};

async function rowsOf(page) {
  return page.locator('#ocop-products tbody tr.ocop-row').evaluateAll((rs) => rs.map((r) => ({
    id: r.dataset.id,
    stars: Number(r.dataset.stars),
    valid: r.classList.contains('valid'),
    producer: r.querySelector('td:nth-child(2) .address').textContent.trim(),
    province: r.querySelector('td:nth-child(3)').textContent.trim(),
    href: r.querySelector('td a').getAttribute('href'),
  })));
}

async function count(page, id) {
  return Number((await page.locator(`#${id}`).textContent()).trim());
}

async function fillCertificate(page, { product, producer, a, b, c, stars = '', decision, on }) {
  await page.fill('#f-product', product);
  await page.selectOption('#f-group', 'thuc_pham');
  await page.selectOption('#f-subgroup', 'so_che');
  await page.fill('#f-producer', producer);
  await page.fill('#f-score_a', a);
  await page.fill('#f-score_b', b);
  await page.fill('#f-score_c', c);
  await page.selectOption('#f-stars', stars);
  await page.fill('#f-decision_number', decision);
  await page.fill('#f-decided_on', on);
}

describe('OCOP products in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    if (session) await session.close();
  });

  test('the list of Hà Nội: valid and expired certificates, counts from the rows', async () => {
    const page = await session.admin.newPage();
    assert.equal((await page.goto('/ocop')).status(), 200);
    const all = await rowsOf(page);
    assert.ok(all.length > 0, 'the demo has OCOP certificates');
    assert.ok(all.some((r) => !r.valid), 'some demo certificates have expired');
    assert.ok(new Set(all.map((r) => r.province)).size >= 2, 'certificates of several provinces');
    // The counts are those of the valid rows (the list is filtered to one province to stay
    // within one page).
    await page.selectOption('#filter-province', { label: 'Hà Nội' });
    await Promise.all([page.waitForURL(/province=/), page.locator('form.filters button[type=submit]').click()]);
    const hanoi = await rowsOf(page);
    assert.ok(hanoi.length > 0 && hanoi.every((r) => r.province === 'Hà Nội'), JSON.stringify(hanoi));
    const valid = hanoi.filter((r) => r.valid);
    assert.equal(await count(page, 'count-products'), valid.length);
    for (const s of [3, 4, 5]) assert.equal(await count(page, `count-stars-${s}`), valid.filter((r) => r.stars === s).length, `★${s}`);
    assert.equal(await count(page, 'count-cooperatives'), new Set(valid.map((r) => r.producer)).size);
    state.hanoiUrl = page.url();
    state.hanoiProducer = hanoi[0].producer;
    state.hanoiValid = valid.length;
    state.other = all.find((r) => r.province !== 'Hà Nội');
    await page.close();
  });

  test('a new certificate: stars from the scores; a wrong claim and a score out of range refused', async () => {
    assert.ok(state.hanoiProducer, 'the first test found a producer');
    const page = await session.admin.newPage();
    assert.equal((await page.goto('/ocop/new')).status(), 200);
    state.decision = `${Date.now() % 100000}/QĐ-UBND`;
    const cert = {
      product: 'Miến dong thử nghiệm', producer: state.hanoiProducer,
      a: '35', b: '20', c: '30', decision: state.decision, on: today(),
    };
    // 85 points give ★4: a claim of ★5 is refused beside the stars.
    await fillCertificate(page, { ...cert, stars: '5' });
    let res = await submit(page, 'form.ocop-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.equal(await page.locator('p.field-error#error-stars').count(), 1, await formErrors(page));
    // Part A is out of 40.
    await fillCertificate(page, { ...cert, a: '45' });
    res = await submit(page, 'form.ocop-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.equal(await page.locator('p.field-error#error-score_a').count(), 1, await formErrors(page));
    // Nothing was written.
    await page.goto(state.hanoiUrl);
    assert.equal(await count(page, 'count-products'), state.hanoiValid);

    await page.goto('/ocop/new');
    await fillCertificate(page, cert);
    res = await submit(page, 'form.ocop-form button[type=submit]');
    assert.equal(res.status(), 303, `POST /ocop: ${await formErrors(page)}`);
    assert.match(new URL(page.url()).pathname, /^\/ocop\/products\/\d+$/);
    state.product = new URL(page.url()).pathname;
    const details = await page.locator('#ocop-details').textContent();
    assert.match(details, /★★★★ \(4\)/);
    assert.match(details, new RegExp(state.decision.replace('/', '\\/')));
    // Valid for 36 months from the decision.
    const d = new Date();
    assert.match(details, new RegExp(`/${d.getFullYear() + 3}`));
    assert.match(await page.locator('#ocop-state').textContent(), /hiệu lực/i);
    // The renewal form is filled from the certificate it renews.
    await page.locator('#ocop-renew').click();
    await page.waitForLoadState();
    assert.equal(await page.inputValue('#f-product'), cert.product);
    assert.equal(await page.inputValue('#f-producer'), cert.producer);
    await page.goto(state.hanoiUrl);
    assert.equal(await count(page, 'count-products'), state.hanoiValid + 1);
    await page.close();
  });

  test('a province\'s list from .xlsx: all or nothing, errors by row and column', async () => {
    const py = python3WithOpenpyxl();
    assert.ok(py, 'a python3 with openpyxl (python3-openpyxl) writes the workbook');
    const make = (name, rows) => {
      const file = join(session.server.dir, name);
      const script = `
import json, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "OCOP"
ws.append(["Tên sản phẩm", "Nhóm sản phẩm", "Phân nhóm", "Mã số HTX", "Điểm phần A", "Điểm phần B",
           "Điểm phần C", "Số quyết định", "Ngày quyết định"])
for r in json.loads(sys.argv[2]): ws.append(r)
wb.save(sys.argv[1])`;
      const r = spawnSync(py, ['-c', script, file, JSON.stringify(rows)], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return file;
    };
    const n = Date.now() % 100000;
    const good = ['Bánh đa nem thử', 'thuc_pham', 'so_che', state.hanoiProducer, 30, 20, 25, `${n}/QĐ-UBND`, today()];
    const bad = ['Bánh đa kê thử', 'thuc_pham', 'so_che', state.hanoiProducer, 45, 20, 25, `${n + 1}/QĐ-UBND`, today()];
    const page = await session.admin.newPage();
    assert.equal((await page.goto('/ocop/import')).status(), 200);
    await page.setInputFiles('#file', make('ocop-bad.xlsx', [good, bad]));
    let res = await submit(page, 'form.import-form button[type=submit]');
    assert.equal(res.status(), 422);
    const errors = await page.locator('#ocop-import-errors tbody tr').evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.textContent.trim())));
    assert.ok(errors.some(([row, column, , message]) => row === '3' && column.startsWith('E') && /40/.test(message)), JSON.stringify(errors));
    await page.goto(state.hanoiUrl);
    assert.equal(await count(page, 'count-products'), state.hanoiValid + 1, 'nothing of the bad file was written');

    await page.goto('/ocop/import');
    await page.setInputFiles('#file', make('ocop-good.xlsx', [good]));
    res = await submit(page, 'form.import-form button[type=submit]');
    assert.equal(res.status(), 200);
    assert.match(await page.locator('#ocop-imported').textContent(), /1/);
    await page.goto(state.hanoiUrl);
    assert.equal(await count(page, 'count-products'), state.hanoiValid + 2);
    await page.close();
  });

  test('a provincial user sees their province only', async () => {
    const context = await session.newContext();
    await (await signIn(context, users.hanoi)).close();
    const page = await context.newPage();
    assert.equal((await page.goto('/ocop')).status(), 200);
    const rows = await rowsOf(page);
    assert.ok(rows.length > 0 && rows.every((r) => r.province === 'Hà Nội'), JSON.stringify(rows.map((r) => r.province)));
    assert.ok(state.other, 'a certificate of another province');
    assert.equal((await page.goto(state.other.href)).status(), 403);
    // Writing for another province's producer is refused.
    await page.goto('/ocop/new');
    await fillCertificate(page, {
      product: 'Sản phẩm tỉnh khác', producer: state.other.producer, a: '35', b: '20', c: '30',
      decision: `${Date.now() % 100000}/QĐ-UBND`, on: today(),
    });
    const res = await submit(page, 'form.ocop-form button[type=submit]');
    assert.ok([403, 422].includes(res.status()), `status ${res.status()}`);
    await context.close();
  });

  test('axe-core: no violation on OCOP\'s pages', async () => {
    assert.ok(state.product, 'the certificate of the second test');
    for (const path of ['/ocop', state.product, '/ocop/new', '/ocop/import']) {
      const page = await session.axe.newPage();
      assert.equal((await page.goto(path)).status(), 200, path);
      const r = await axeRun(page);
      await page.close();
      assert.deepEqual(r.violations, [], `${path}: ${JSON.stringify(r.violations)}`);
    }
  });
});
