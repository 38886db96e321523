// The reporting regime in a real browser (headless Debian chromium through playwright-core)
// against a real `htx serve` on the demo database (see harness.mjs): a provincial user opens the
// month's report form, is refused beside the field for a negative value, submits the report and
// sees the rates rise; axe-core on the rates page and on the form with its error; screenshots.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/reporting.test.mjs
//
// Registered with CTest as browser_reporting (tests/browser). Without chromium or
// web/node_modules the tests are skipped with a message, except when CI=true: then that is a
// failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifactsDir, axeRun, screenshotAndAxe, signIn, skipUnlessReady, startSession, submit, users,
} from './harness.mjs';

const skip = await skipUnlessReady();

// The month before this one: its provincial report is due on the 20th of this month.
const two = (n) => String(n).padStart(2, '0');
const now = new Date();
const prev = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const period = `${prev.getFullYear()}-${two(prev.getMonth() + 1)}`;
const rates = `/work/reporting?period=${period}`;

let session;

function assertNoViolations(name, axe) {
  for (const v of axe.violations) console.log(`axe ${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(', ')}`);
  assert.ok(axe.passes > 0, 'axe-core ran');
  assert.deepEqual(axe.violations, [], `axe violations on ${name}`);
}

const submittedOf = async (page) =>
  Number((await page.locator('#form-BC-TINH-THANG td.submitted').textContent()).trim());

describe('the reporting regime in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    session = await startSession();
  });

  after(async () => {
    if (session) await session.close();
  });

  test('a provincial user submits the month\'s report and the rates rise', async () => {
    const admin = await session.admin.newPage();
    await admin.goto(rates);
    const before = await submittedOf(admin);

    const context = await session.newContext();
    const page = await signIn(context, users.hanoi);
    await page.goto('/work/tasks');
    await Promise.all([page.waitForURL(/\/work\/reporting/), page.locator('nav.sub-nav a[href="/work/reporting"]').click()]);
    await page.goto(`/work/reporting/submit?form=BC-TINH-THANG&period=${period}`);
    const units = await page.locator('#f-unit option').allTextContents();
    assert.ok(units.some((u) => /Hà Nội/.test(u)), `Hà Nội's alliance is offered: ${units}`);
    assert.ok(!units.some((u) => /Bắc Giang/.test(u)), 'another province is not');
    await page.selectOption('#f-unit', { label: units.find((u) => /Hà Nội/.test(u)) });
    await page.fill('#f-value_htx_founded', '-4');
    await page.fill('#f-value_htx_dissolved', '1');
    await page.fill('#f-value_members_admitted', '12');
    let res = await submit(page, 'form.entity-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#error-value_htx_founded').textContent(), /không được âm \(-4\)/);
    assert.equal(await page.inputValue('#f-value_members_admitted'), '12', 'the values are kept');
    await page.screenshot({ path: join(artifactsDir(), 'reporting-submit-error.png'), fullPage: true });

    await page.fill('#f-value_htx_founded', '4');
    res = await submit(page, 'form.entity-form button[type=submit]');
    assert.equal(res.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/work/reporting');
    await context.close();

    await admin.goto(rates);
    assert.equal(await submittedOf(admin), before + 1, 'one more report submitted');
    const row = admin.locator('#form-BC-TINH-THANG tr', { hasText: 'Liên minh HTX thành phố Hà Nội' });
    assert.doesNotMatch(await row.textContent(), /chưa gửi/);
    await admin.close();
  });

  test('axe-core finds no violation on the reporting pages', async () => {
    assertNoViolations('rates', await screenshotAndAxe(session, 'reporting-rates', rates));
    assertNoViolations('submit form', await screenshotAndAxe(session, 'reporting-submit', `/work/reporting/submit?period=${period}`));
    const page = await session.axe.newPage();
    await page.goto(`/work/reporting/submit?form=BC-TINH-THANG&period=${period}`);
    await page.fill('#f-value_htx_founded', 'ba');
    assert.equal((await submit(page, 'form.entity-form button[type=submit]')).status(), 422);
    assertNoViolations('submit form with errors', await axeRun(page));
    await page.close();
  });
});
