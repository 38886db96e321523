// One profile of a cooperative in a real browser (headless Debian chromium through playwright-core)
// against a real `htx serve` on the demo database (harness.mjs), issue 13 item 5: a cooperative's
// own account opens its profile (every section of its own), proposes a change to its record
// (members) on a phone's width, is refused another cooperative's profile; the Hà Nội user approves
// the proposal from the queue and the profile shows the new value and one more event; the Đà Nẵng
// user and a buyer are refused the profile; the sections each role sees; axe-core finds no
// violation on the profile, the proposal form and the queue.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/profile.test.mjs
//
// Registered with CTest as browser_profile (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifactsDir, screenshotAndAxe, signIn, skipUnlessReady, startSession, submit, users } from './harness.mjs';

const skip = await skipUnlessReady();
let session;
const state = {};
const coop = { username: 'htx.own', password: 'Htx-own-pass-2026!', name: 'Tài khoản HTX' };
const other = { username: 'htx.other', password: 'Htx-other-pass-2026!', name: 'HTX khác' };
const buyer = { username: 'buyer.one', password: 'Buyer-pass-2026!', name: 'Người mua' };
const sections = ['membership', 'ocop', 'training', 'market', 'fund', 'awards'];

async function shownSections(page) {
  const out = [];
  for (const s of sections) if (await page.locator(`#profile-${s}`).count()) out.push(s);
  return out;
}

async function field(page, label) {
  return page.locator('#profile-fields dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();
}

describe('a cooperative profile in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    session = await startSession();
    // Two active Hà Nội cooperatives of the demo, as the Hà Nội user lists them.
    const ctx = await session.newContext();
    const page = await signIn(ctx, users.hanoi);
    assert.equal((await page.goto('/registry?status=active&type=HTX')).status(), 200);
    const codes = await page.locator('#registry-results tbody a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
    assert.ok(codes.length >= 2, `Hà Nội cooperatives: ${codes}`);
    [state.code, state.other] = codes;
    await ctx.close();
    const htx = session.server.htx;
    htx(['user', 'add', coop.username, '--role', 'cooperative', '--entity', state.code, '--name', coop.name, '--password-stdin'], `${coop.password}\n`);
    htx(['user', 'add', other.username, '--role', 'cooperative', '--entity', state.other, '--name', other.name, '--password-stdin'], `${other.password}\n`);
    htx(['user', 'add', buyer.username, '--role', 'buyer', '--name', buyer.name, '--password-stdin'], `${buyer.password}\n`);
  });
  after(async () => {
    if (session) await session.close();
  });

  test('the cooperative sees its own profile and proposes a change on a phone', async () => {
    const phone = await session.newContext({ viewport: { width: 360, height: 800 } });
    const page = await signIn(phone, coop);
    const profile = `/registry/${state.code}/profile`;
    assert.equal((await page.goto(profile)).status(), 200);
    assert.deepEqual(await shownSections(page), sections, 'its own: every section');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
    state.members = Number((await field(page, 'Số thành viên')).replace(/\./g, ''));
    state.events = await page.locator('#profile-events li').count();
    await page.screenshot({ path: join(artifactsDir(), 'profile-phone.png'), fullPage: true });
    await page.click('#profile-propose');
    assert.equal(new URL(page.url()).pathname, `${profile}/propose`);
    // A bad number is refused beside its field, nothing sent.
    await page.fill('#f-members', 'nhiều');
    let res = await submit(page, '#profile-propose-form button[type=submit]');
    assert.equal(res.status(), 422);
    assert.ok(await page.locator('#error-members').count(), 'the error beside members');
    await page.fill('#f-members', String(state.members + 7));
    await page.fill('#f-note', 'Kết nạp thêm 7 thành viên');
    res = await submit(page, '#profile-propose-form button[type=submit]');
    assert.equal(res.status(), 303);
    assert.ok(await page.locator('#profile-proposed').count(), 'the notice on the profile');
    assert.match(await page.locator('#profile-proposals').textContent(), /chờ duyệt/);
    // Another cooperative's profile is not its own.
    assert.equal((await page.goto(`/registry/${state.other}/profile`)).status(), 403);
    await phone.close();
  });

  test('the Hà Nội user approves it; the profile shows the change', async () => {
    assert.ok(state.members !== undefined, 'the proposal of the first test');
    const ctx = await session.newContext();
    const page = await signIn(ctx, users.hanoi);
    assert.equal((await page.goto('/registry/changes')).status(), 200);
    const item = page.locator('section.change-request', { hasText: state.code });
    assert.equal(await item.count(), 1);
    // Rejecting without a reason is refused on the reason.
    let res = await submit(page, `section.change-request:has-text("${state.code}") button.reject`);
    assert.equal(res.status(), 422);
    res = await submit(page, `section.change-request:has-text("${state.code}") button.approve`);
    assert.equal(res.status(), 303);
    assert.ok(await page.locator('#changes-done').count());
    assert.equal(await page.locator('section.change-request', { hasText: state.code }).count(), 0);
    assert.equal((await page.goto(`/registry/${state.code}/profile`)).status(), 200);
    assert.equal(Number((await field(page, 'Số thành viên')).replace(/\./g, '')), state.members + 7);
    assert.equal(await page.locator('#profile-events li').count(), state.events + 1, 'one more event');
    assert.deepEqual(await shownSections(page), sections, 'the province\'s staff: every section');
    await ctx.close();
  });

  test('each section only for those allowed', async () => {
    const profile = `/registry/${state.code}/profile`;
    const admin = await session.admin.newPage();
    assert.equal((await admin.goto(profile)).status(), 200);
    assert.deepEqual(await shownSections(admin), sections);
    await admin.close();
    for (const user of [users.danang, buyer]) {
      const ctx = await session.newContext();
      const page = await signIn(ctx, user);
      assert.equal((await page.goto(profile)).status(), 403, `${user.username} is refused`);
      await ctx.close();
    }
    // The other cooperative's own account: its own profile, and no proposal of another's.
    const ctx = await session.newContext();
    const page = await signIn(ctx, other);
    assert.equal((await page.goto(`/registry/${state.other}/profile`)).status(), 200);
    assert.equal(await page.locator('#profile-proposals').count(), 0);
    assert.equal((await page.goto('/registry/changes')).status(), 403);
    await ctx.close();
  });

  test('axe-core finds no violation on the profile, the proposal form and the queue', async () => {
    for (const [name, path] of [['profile', `/registry/${state.code}/profile`],
      ['profile-queue', '/registry/changes'], ['registry-entity', `/registry/${state.code}`]]) {
      const result = await screenshotAndAxe(session, name, path);
      assert.deepEqual(result.violations, [], `${path}: ${JSON.stringify(result.violations, null, 1)}`);
    }
    // The proposal form is the cooperative's own.
    const ctx = await session.newContext({ bypassCSP: true });
    const page = await signIn(ctx, coop);
    await page.goto(`/registry/${state.code}/profile/propose`);
    await page.addScriptTag({ path: (await import('./harness.mjs')).prerequisites().axe });
    const r = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => v.id));
    assert.deepEqual(r, []);
    await ctx.close();
  });
});
