// Training's pages in a real browser (headless Debian chromium through playwright-core) against
// a real `htx serve` on the demo database (harness.mjs; the demo has the courses of 2020–2022):
// the admin creates a course whose first session is today, enrols three people, marks the
// session for the class on a phone's width (360 px: one screen, no horizontal scroll, one
// submit), the certificate of a person who completed is shown by its public page /verify/<code>
// without signing in, a made-up code is not; the plan of the year on /training counts the two who
// completed; axe-core finds no violation on training's pages.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/training.test.mjs
//
// Registered with CTest as browser_training (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifactsDir, axeRun, formErrors, skipUnlessReady, startSession, submit, today,
} from './harness.mjs';

const skip = await skipUnlessReady();
let session;
const state = {};

describe('training in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    if (session) await session.close();
  });

  // The completed trainees of Bắc Giang's plan line for tập huấn this year, as /training shows it.
  async function planCompleted(page) {
    const year = today().slice(-4);
    assert.equal((await page.goto(`/training?year=${year}`)).status(), 200);
    const row = page.locator('#training-plans tbody tr', { hasText: 'Bắc Giang' }).filter({ hasText: 'Tập huấn' });
    assert.equal(await row.count(), 1, 'one plan line for Bắc Giang, tập huấn');
    return Number((await row.locator('td').last().textContent()).replace(/\D/g, ''));
  }

  test('the plan of the year, before any course', async () => {
    // The office writes this year's plan (the demo's plans are of 2020–2022).
    session.server.htx(['course', 'plan', '--unit', 'LMHTX-24', '--year', today().slice(-4),
      '--trainees-tap-huan', '10', '--courses-tap-huan', '2']);
    const page = await session.admin.newPage();
    state.completedBefore = await planCompleted(page);
    assert.equal(state.completedBefore, 0, 'nobody has completed a course of this year yet');
    await page.close();
  });

  test('create a course, enrol three people', async () => {
    const page = await session.admin.newPage();
    assert.equal((await page.goto('/training/courses/new')).status(), 200);
    state.code = `BG-TEST-${Date.now() % 100000}`;
    await page.fill('#f-code', state.code);
    await page.selectOption('#f-unit', 'LMHTX-24');
    await page.selectOption('#f-kind', 'tap_huan');
    await page.fill('#f-topic', 'Tập huấn điểm danh trên điện thoại');
    await page.fill('#f-place', 'Hội trường UBND xã');
    await page.fill('#f-starts_on', today());
    let res = await submit(page, 'form[action="/training/courses"] button[type=submit]');
    assert.equal(res.status(), 303, `POST /training/courses: ${await formErrors(page)}`);
    state.course = new URL(page.url()).pathname;
    assert.equal(state.course, `/training/courses/${state.code}`);
    for (const [name, sex, born, eth] of [['Nguyễn Thị Hoa', 'female', '1985', '02'],
      ['Hoàng Văn Nam', 'male', '1978', '07'], ['Lục Thị Mai', 'female', '1990', '13']]) {
      await page.goto(state.course);
      await page.fill('#f-full_name', name);
      await page.selectOption('#f-sex', sex);
      await page.fill('#f-birth_year', born);
      await page.selectOption('#f-ethnicity', eth);
      await page.selectOption('#f-role', 'member');
      await page.fill('#f-enrolled_on', today());
      res = await submit(page, '#enrol-submit');
      assert.equal(res.status(), 303, `enrol ${name}: ${await formErrors(page)}`);
    }
    await page.goto(state.course);
    assert.equal(await page.locator('#training-class tr.trainee-row').count(), 3);
    // A year of birth in the future is refused beside its field.
    await page.fill('#f-full_name', 'Người Tương Lai');
    await page.selectOption('#f-sex', 'male');
    await page.fill('#f-birth_year', String(new Date().getFullYear() + 1));
    await page.selectOption('#f-ethnicity', '01');
    await page.selectOption('#f-role', 'member');
    res = await submit(page, '#enrol-submit');
    assert.equal(res.status(), 422);
    assert.match((await formErrors(page)).join(' '), /tương lai/);
    await page.close();
  });

  test('mark the session on a 360 px phone: one screen, no horizontal scroll, one submit', async () => {
    assert.ok(state.course, 'the course of the first test');
    const phone = await session.newContext({ viewport: { width: 360, height: 800 } });
    await phone.addCookies(await session.admin.cookies());
    const page = await phone.newPage();
    assert.equal((await page.goto(`${state.course}/sessions/1`)).status(), 200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
    assert.equal(await page.locator('fieldset.attendance-person').count(), 3);
    // Large targets: every choice at least 44 px high.
    const heights = await page.locator('.attendance-choices label').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height));
    assert.ok(heights.every((h) => h >= 44), `targets ${heights}`);
    const rows = page.locator('fieldset.attendance-person');
    await rows.nth(1).locator('label', { hasText: 'Muộn' }).click();
    await rows.nth(2).locator('label', { hasText: 'Vắng' }).click();
    assert.ok(await rows.nth(1).locator('input[value="late"]').isChecked(), 'late chosen by its label');
    assert.ok(await rows.nth(2).locator('input[value="absent"]').isChecked(), 'absent chosen by its label');
    await page.screenshot({ path: join(artifactsDir(), 'training-attendance-phone.png'), fullPage: true });
    const res = await submit(page, '#attendance-submit');
    assert.equal(res.status(), 303, `marks: ${await formErrors(page)}`);
    await phone.close();
  });

  test('certificates; the public page verifies one and not a made-up code', async () => {
    const page = await session.admin.newPage();
    await page.goto(state.course);
    let res = await submit(page, '#certify-all');
    assert.equal(res.status(), 303);
    const links = page.locator('#training-class a.certificate');
    assert.equal(await links.count(), 2, 'present and late completed the one session, absent not');
    const href = await links.first().getAttribute('href');
    await page.close();
    const visitor = await session.newContext();
    const pub = await visitor.newPage();
    res = await pub.goto(href);
    assert.equal(res.status(), 200);
    assert.match(await pub.locator('#cert-course').textContent(), /Tập huấn điểm danh trên điện thoại/);
    assert.match(await pub.locator('#cert-organiser').textContent(), /Bắc Giang/);
    assert.match(await pub.locator('#cert-holder').textContent(), /Hoàng Văn Nam|Nguyễn Thị Hoa/);
    res = await pub.goto('/verify/ABCDEFGHJKMNPQRSTUVW');
    assert.equal(res.status(), 404);
    await visitor.close();
    state.verify = href;
  });

  test("the plan's attainment rises by the two who completed", async () => {
    const page = await session.admin.newPage();
    assert.equal(await planCompleted(page), state.completedBefore + 2);
    await page.close();
  });

  test('axe-core: no violation on training pages', async () => {
    for (const path of ['/training', '/training?year=2021', '/training/courses/new', state.course,
      `${state.course}/sessions/1`, '/training/courses/BG-2021-1', state.verify].filter(Boolean)) {
      const page = await session.axe.newPage();
      assert.equal((await page.goto(path)).status(), 200, `GET ${path}`);
      const axe = await axeRun(page);
      await page.close();
      for (const v of axe.violations) console.log(`axe ${path}: [${v.impact}] ${v.id} — ${v.help}`);
      assert.ok(axe.passes > 0, 'axe-core ran');
      assert.deepEqual(axe.violations.map((v) => v.id), [], `axe on ${path}`);
    }
  });
});
