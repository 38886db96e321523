// Governance in a real browser (headless Debian chromium through playwright-core) against a real
// `htx serve` on the demo database (see harness.mjs): Bắc Giang's 3rd BTV meeting of term VI
// with its 14 admissions of batch 2/2021 and its two draft regulations; a new meeting, an item,
// its closing with more votes than attendees (the message beside the votes), then properly, then
// once more from a page opened before (refused); the awards of 2021 (13 collectives, 16
// individuals); a provincial user of another province refused; axe-core on every governance
// page (no violations at all), screenshots.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/governance.test.mjs
//
// Registered with CTest as browser_governance (tests/browser). Without chromium or
// web/node_modules the tests are skipped with a message, except when CI=true: then that is a
// failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifactsDir, axeRun, screenshotAndAxe, signIn, skipUnlessReady, startSession, submit, users,
} from './harness.mjs';

const skip = await skipUnlessReady();

const MEETING = 'Hội nghị Ban Thường vụ lần thứ 3, khóa VI';

let session;  // harness.startSession(): the server, the browser, the admin's contexts
const newContext = (extra) => session.newContext(extra);

function assertNoViolations(name, axe) {
  for (const v of axe.violations) console.log(`axe ${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(', ')}`);
  assert.ok(axe.passes > 0, 'axe-core ran');
  assert.deepEqual(axe.violations, [], `axe violations on ${name}`);
}

// The meeting form filled for the Bắc Giang BTV (the form's suggestions), nine attendees.
async function createMeeting(page) {
  await page.goto('/governance/meetings/new');
  assert.match(await page.locator('#f-body_id option:checked').textContent(), /Ban Thường vụ – Liên minh HTX tỉnh Bắc Giang/);
  assert.match(await page.locator('#f-term_id option:checked').textContent(), /khóa VI/);
  const number = await page.inputValue('#f-number');
  await page.fill('#f-attendee_count', '9');
  await page.fill('#f-chair', 'Nguyễn Đức Hiền');
  await page.selectOption('#f-mode', 'online');
  const res = await submit(page, 'form.governance-meeting-form button[type=submit]');
  assert.equal(res.status(), 303, 'POST /governance/meetings answers 303');
  return number;
}

describe('governance in a browser', { skip, timeout: 600_000 }, () => {
  const state = {};

  before(async () => {
    session = await startSession();
  });

  after(async () => {
    if (session) await session.close();
  });

  test('Bắc Giang\'s 3rd BTV meeting: 14 admissions of batch 2/2021 and two draft regulations', async () => {
    const page = await session.admin.newPage();
    await page.goto('/governance/meetings');
    assert.equal(await page.locator('nav.site-nav a[href="/governance/meetings"][aria-current=page]').count(), 1, 'the nav entry is current');
    const row = page.locator('#governance-meetings tr', { hasText: MEETING });
    assert.equal(await row.count(), 1, 'the meeting is listed');
    assert.match(await row.textContent(), /05\/11\/2021/);
    await Promise.all([page.waitForURL(/\/governance\/meetings\/\d+$/), row.locator('a').click()]);
    state.btv3 = new URL(page.url()).pathname;
    assert.equal((await page.locator('h1').textContent()).trim(), MEETING);
    assert.match(await page.locator('#meeting-admitted-summary').textContent(), /Kết nạp 14 đơn vị, đợt 2\/2021/);
    assert.equal(await page.locator('#meeting-admitted li').count(), 14);
    const docs = await page.locator('#meeting-documents').textContent();
    assert.match(docs, /Dự thảo Quy chế làm việc của Ban Chấp hành/);
    assert.match(docs, /Dự thảo Quy chế làm việc của Ủy ban Kiểm tra/);
    assert.equal(await page.locator('#meeting-tasks a[href^="/work/tasks/"]').count(), 1, 'the task it created links to the work programme');
    await page.screenshot({ path: join(artifactsDir(), 'governance-meeting-btv3.png'), fullPage: true });

    await page.goto('/governance/admissions?batch=2/2021&unit=LMHTX-24');
    assert.match(await page.locator('#governance-applications caption').textContent(), /14 hồ sơ, 14 đơn vị được kết nạp/);
    assert.equal(await page.locator('#governance-memberships tbody tr').count(), 14);
    await page.close();
  });

  test('a new meeting: an item closed with too many votes, then properly, then refused a second time', async () => {
    const page = await session.admin.newPage();
    state.number = await createMeeting(page);
    state.meeting = new URL(page.url()).pathname;
    assert.equal((await page.locator('h1').textContent()).trim(), `Hội nghị Ban Thường vụ lần thứ ${state.number}, khóa VI`);

    await page.selectOption('#f-kind', 'report_approval');
    await page.fill('#f-title', 'Báo cáo kết quả hoạt động năm');
    let res = await submit(page, '#form-item button[type=submit]');
    assert.equal(res.status(), 303, 'the item is added');
    const form = page.locator('form.close-form').first();
    state.closeForm = await form.getAttribute('id');

    // Another tab opened now still shows the item open.
    const stale = await session.admin.newPage();
    await stale.goto(state.meeting);

    await page.fill(`#${state.closeForm}-in_favour`, '8');
    await page.fill(`#${state.closeForm}-against`, '3');
    await page.fill(`#${state.closeForm}-abstain`, '1');
    res = await submit(page, `#${state.closeForm} button[type=submit]`);
    assert.equal(res.status(), 422);
    const beside = page.locator(`#${state.closeForm} fieldset.votes #error-${state.closeForm}-votes`);
    assert.match(await beside.textContent(), /tổng số phiếu 12 lớn hơn số người dự hội nghị 9/);
    assert.equal(await page.getAttribute(`#${state.closeForm}-in_favour`, 'aria-invalid'), 'true');
    await page.screenshot({ path: join(artifactsDir(), 'governance-votes-refused.png'), fullPage: true });

    await page.fill(`#${state.closeForm}-against`, '0');
    res = await submit(page, `#${state.closeForm} button[type=submit]`);
    assert.equal(res.status(), 303, 'closed with 8 for, 0 against, 1 abstaining');
    const item = page.locator('#meeting-items tbody tr').first();
    assert.match(await item.locator('.outcome').textContent(), /Thông qua/);
    assert.equal(await page.locator('form.close-form').count(), 0, 'no closing form once concluded');

    await stale.fill(`#${state.closeForm}-in_favour`, '9');
    res = await submit(stale, `#${state.closeForm} button[type=submit]`);
    assert.equal(res.status(), 422, 'the second closing is refused');
    assert.match(await stale.locator('#meeting-alert').textContent(), /đã được kết luận/);
    await stale.close();
    await page.close();
  });

  test('the awards of 2021: 13 collectives and 16 individuals', async () => {
    const page = await session.admin.newPage();
    await page.goto('/governance/awards?year=2021');
    assert.match(await page.locator('#award-counts').textContent(), /13 tập thể, 16 cá nhân/);
    assert.equal(await page.locator('#governance-awards tbody tr').count(), 29);
    assert.match(await page.locator('#governance-awards').textContent(), /30\/QĐ-LMHTXVN/);
    await page.close();
    const en = await newContext();
    const english = await signIn(en, users.admin);
    await english.goto('/governance/awards?year=2021&lang=en');
    assert.match(await english.locator('#award-counts').textContent(), /13 collectives, 16 individuals/);
    await en.close();
  });

  test('a provincial user of another province is refused', async () => {
    const context = await newContext();
    const page = await signIn(context, users.hanoi);
    assert.equal((await page.goto(state.btv3)).status(), 403);
    assert.equal((await page.goto('/governance/admissions?unit=LMHTX-24')).status(), 403);
    await page.goto('/governance/meetings');
    assert.equal(await page.locator('#governance-meetings tr', { hasText: MEETING }).count(), 0, 'not listed either');
    await context.close();
  });

  test('governance pages: no axe-core violation; screenshots', async (t) => {
    const pages = [
      ['governance-meetings', '/governance/meetings'],
      ['governance-meetings-filtered', '/governance/meetings?unit=LMHTX-24&body=standing&year=2021'],
      ['governance-meeting-new', '/governance/meetings/new'],
      ['governance-meeting', state.btv3],
      ['governance-meeting-open', state.meeting],
      ['governance-admissions', '/governance/admissions?batch=2/2021&unit=LMHTX-24'],
      ['governance-awards', '/governance/awards?year=2021'],
      ['governance-bodies', '/governance/bodies?unit=LMHTX-24'],
    ];
    const shots = artifactsDir();
    for (const [name, path] of pages) {
      await t.test(`${name} ${path}`, async () => {
        assertNoViolations(name, await screenshotAndAxe(session, name, path));
      });
    }
    // The forms with their errors beside the fields.
    await t.test('governance-meeting-new with errors', async () => {
      const page = await session.axe.newPage();
      await page.goto('/governance/meetings/new');
      await page.fill('#f-number', state.number);  // used by now
      await page.fill('#f-attendee_count', '9');
      const res = await submit(page, 'form.governance-meeting-form button[type=submit]');
      assert.equal(res.status(), 422);
      assert.match(await page.locator('#error-number').textContent(), new RegExp(`lần thứ ${state.number}`), 'the used number beside its field');
      assert.equal(await page.locator('#error-summary a[href="#f-number"]').count(), 1, 'and in the summary');
      await page.screenshot({ path: join(shots, 'governance-meeting-new-errors.png'), fullPage: true });
      assertNoViolations('governance-meeting-new with errors', await axeRun(page));
      await page.close();
    });
    await t.test('governance-meeting with a refused closing', async () => {
      const page = await session.axe.newPage();
      await page.goto(state.meeting);
      await page.selectOption('#f-kind', 'other');
      await page.fill('#f-title', 'Nội dung khác');
      assert.equal((await submit(page, '#form-item button[type=submit]')).status(), 303);
      const id = await page.locator('form.close-form').first().getAttribute('id');
      await page.fill(`#${id}-in_favour`, '10');
      assert.equal((await submit(page, `#${id} button[type=submit]`)).status(), 422);
      assertNoViolations('governance-meeting with a refused closing', await axeRun(page));
      await page.close();
    });
    await t.test('governance-admissions with a refused application', async () => {
      const page = await session.axe.newPage();
      await page.goto('/governance/admissions?batch=2/2021&unit=LMHTX-24');
      const member = (await page.locator('#governance-memberships tbody tr td.code').first().textContent()).trim();
      await page.fill('#f-entity_code', member);
      await page.fill('#f-batch', '1/2022');
      const res = await submit(page, '#form-application button[type=submit]');
      assert.equal(res.status(), 422);
      assert.match(await page.locator('#error-entity_code').textContent(), /đã là thành viên/);
      await page.screenshot({ path: join(shots, 'governance-admissions-refused.png'), fullPage: true });
      assertNoViolations('governance-admissions with a refused application', await axeRun(page));
      await page.close();
    });
  });
});
