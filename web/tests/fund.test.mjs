// The support fund's pages in a real browser (headless Debian chromium through playwright-core)
// against a real `htx serve` on the demo database (see harness.mjs; the demo has the funds' loans
// of 2017–2022): the admin applies for a cooperative to the central fund, appraises, records the
// credit council's decision and the contract, enters a disbursement and may not approve it
// (four eyes: the area's message is shown), a second admin approves it, the admin records a
// repayment; the cooperative's own account sees that loan with its next instalments on a
// phone's width without a horizontal scroll; axe-core finds no serious or critical violation on
// the fund's pages.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/fund.test.mjs
//
// Registered with CTest as browser_fund (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifactsDir, axeRun, formErrors, signIn, skipUnlessReady, startSession, submit,
} from './harness.mjs';

const skip = await skipUnlessReady();

const admin2 = { username: 'admin.two', password: 'Admin2-pass-2026!', name: 'Quản trị viên 2' };
const coopUser = { username: 'coop.fund', password: 'Coop-fund-2026!', name: 'HTX vay vốn' };

let session;
const state = {};

function addAccount(user, role, entity) {
  const args = ['user', 'add', user.username, '--role', role, '--name', user.name, '--password-stdin'];
  if (entity) args.push('--entity', entity);
  session.server.htx(args, `${user.password}\n`);
}

// Serious or critical axe-core violations of `path` (in the context that bypasses the CSP).
async function seriousViolations(context, path) {
  const page = await context.newPage();
  assert.equal((await page.goto(path)).status(), 200, `GET ${path}`);
  const axe = await axeRun(page);
  await page.close();
  for (const v of axe.violations) console.log(`axe ${path}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(', ')}`);
  assert.ok(axe.passes > 0, 'axe-core ran');
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('the support fund in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    session = await startSession();
    addAccount(admin2, 'admin');
    state.second = await session.newContext();
    await (await signIn(state.second, admin2)).close();
  });

  after(async () => {
    if (session) await session.close();
  });

  test('apply, appraise, decide, contract, disburse (A), approve (B), repay', async () => {
    const page = await session.admin.newPage();
    // A borrower of the demo's loans, still lending: an active cooperative of the registry.
    await page.goto('/fund/loans?state=active');
    const code = (await page.locator('#fund-loans tr.loan-row .borrower-code').first().textContent()).trim();
    assert.ok(code, 'the demo has an active loan');
    state.borrower = code;

    await page.goto('/fund/applications/new');
    await page.selectOption('#apply-fund', 'QHTTW');
    const product = await page.locator('#apply-product optgroup[label="QHTTW"] option').first().getAttribute('value');
    await page.selectOption('#apply-product', product);
    await page.fill('#apply-borrower', code);
    await page.fill('#apply-amount', '200000000');
    await page.fill('#apply-term_months', '12');
    await page.fill('#apply-purpose', 'Mua máy sấy nông sản');
    await page.fill('#apply-total_investment', '400000000');
    await page.fill('#apply-own_contribution', '200000000');
    let res = await submit(page, 'form[action="/fund/applications"] button[type=submit]');
    assert.equal(res.status(), 303, `POST /fund/applications answers 303: ${await formErrors(page)}`);
    assert.match(new URL(page.url()).pathname, /^\/fund\/applications\/\d+$/);

    await page.fill('#appraise-opinion', 'Dự án khả thi, đủ điều kiện vay');
    res = await submit(page, 'form[action$="/appraise"] button[type=submit]');
    assert.equal(res.status(), 303, `appraise: ${await formErrors(page)}`);

    await page.fill('#decide-decision_number', '77/QĐ-QHT');
    await page.fill('#decide-members', 'Nguyễn Văn A\nTrần Thị B\nLê Văn C');
    await page.fill('#decide-votes_for', '3');
    await page.fill('#decide-votes_against', '0');
    res = await submit(page, 'form[action$="/decide"] button[type=submit]');
    assert.equal(res.status(), 303, `decide: ${await formErrors(page)}`);

    await page.fill('#contract-contract_number', '77/HĐTD');
    res = await submit(page, 'form[action$="/contract"] button[type=submit]');
    assert.equal(res.status(), 303, `contract: ${await formErrors(page)}`);
    assert.match(new URL(page.url()).pathname, /^\/fund\/loans\/\d+$/);
    state.loan = new URL(page.url()).pathname;

    await page.fill('#disburse-amount', '200000000');
    res = await submit(page, 'form[action$="/disburse"] button[type=submit]');
    assert.equal(res.status(), 303, `disburse: ${await formErrors(page)}`);
    // Four eyes: the enterer's approval is refused with the area's message.
    res = await submit(page, '#movements button.approve');
    assert.equal(res.status(), 403);
    assert.match(await page.locator('#fund-message').textContent(), /không được tự duyệt/);
    assert.match(await page.locator('#movements .movement-state').first().textContent(), /Chờ duyệt/);

    const other = await state.second.newPage();
    await other.goto(state.loan);
    res = await submit(other, '#movements button.approve');
    assert.equal(res.status(), 303, 'the second admin approves');
    assert.match(await other.locator('#movements .movement-state').first().textContent(), /Đã duyệt/);
    await other.close();

    await page.goto(state.loan);
    await page.fill('#repay-amount', '5000000');
    res = await submit(page, 'form[action$="/repay"] button[type=submit]');
    assert.equal(res.status(), 303, `repay: ${await formErrors(page)}`);
    assert.match(await page.locator('#movements').textContent(), /5\.000\.000 đ/);
    assert.match(await page.locator('#loan-figures').textContent(), /200\.000\.000 đ/);
    await page.screenshot({ path: join(artifactsDir(), 'fund-loan.png'), fullPage: true });
    await page.close();
  });

  test("the cooperative's account on a phone: its loans and next instalments, no horizontal scroll", async () => {
    assert.ok(state.borrower && state.loan, 'the loan of the first test');
    addAccount(coopUser, 'cooperative', state.borrower);
    const phone = await session.newContext({ viewport: { width: 360, height: 800 } });
    const page = await signIn(phone, coopUser);
    for (const path of ['/fund/loans', state.loan]) {
      assert.equal((await page.goto(path)).status(), 200, `GET ${path}`);
      assert.ok(await page.locator('.next-instalment').count() > 0, `next instalments on ${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scroll on ${path} (${overflow}px)`);
    }
    await page.goto('/fund/loans');
    assert.ok(await page.locator(`a[href="${state.loan}"]`).count() > 0, 'its new loan is listed');
    await page.screenshot({ path: join(artifactsDir(), 'fund-coop-phone.png'), fullPage: true });
    await phone.close();
  });

  test('axe-core: no serious or critical violation on the fund pages', async () => {
    const paths = ['/fund', '/fund?period=Qu%C3%BD%20I%2F2020&by=fund', '/fund/applications',
      '/fund/applications/new', '/fund/loans', state.loan].filter(Boolean);
    for (const path of paths) assert.deepEqual(await seriousViolations(session.axe, path), [], `axe on ${path}`);
  });
});
