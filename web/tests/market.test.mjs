// The supply–demand exchange's whole loop in a real browser (headless Debian chromium through
// playwright-core) against a real `htx serve` on the demo database (see harness.mjs): staff open
// a campaign, a cooperative's own account posts an offer, a buyer's own account posts demand,
// staff run the optimal allocation and confirm it, record the dispatch, the receipt and a sale,
// and the campaign page and its .xlsx (read back with openpyxl) show the new totals; the public
// sees the published results without prices.
//
//   HTX_BIN=build/app/htx HTX_DATA_DIR=data node --test web/tests/market.test.mjs
//
// Registered with CTest as browser_market (tests/browser). Without chromium or web/node_modules
// the tests are skipped with a message, except when CI=true: then that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  launchBrowser, python3WithOpenpyxl, signIn, skipUnlessReady, startServer, submit,
  users,
} from './harness.mjs';

const skip = await skipUnlessReady();

const two = (n) => String(n).padStart(2, '0');
const vi = (d) => `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
const now = new Date();
const today = vi(now);
const later = vi(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 20));
const code = `BR-${process.pid % 100000}`;
const haiDuong = '30-2008';
const coopUser = { username: 'coop.haiduong', password: 'Coop-pass-2026!', name: 'HTX Hải Dương' };
const buyerUser = { username: 'buyer.saigoncoop', password: 'Buyer-pass-2026!', name: 'Saigon Co.op' };

let server;
let browser;
const contexts = {};

function newContext(extra = {}) {
  return browser.newContext({
    baseURL: server.baseURL, locale: 'vi-VN', viewport: { width: 414, height: 900 },  // a phone
    acceptDownloads: true, ...extra,
  });
}

// An own account (a cooperative's, a buyer's) added with the CLI to the server's database.
function addAccount(user, role, entity) {
  server.htx(['user', 'add', user.username, '--role', role, '--name', user.name, '--entity', entity,
    '--password-stdin'], `${user.password}\n`);
}

// The messages beside the fields and above the form of the page open in `page`.
async function formErrors(page) {
  return page.locator('.field-error, .error-summary li').evaluateAll((ps) => ps.map((p) => p.textContent.trim()));
}

// Fills an offer's or a demand's form: bắp cải in tonnes, in Hải Dương, from today for 20 days,
// a price per kg, in the test's campaign.
async function fillListing(page, { quantity, price: [priceField, priceValue] }) {
  await page.selectOption('#f-product', 'bap_cai');
  await page.fill('#f-quantity', quantity);
  await page.selectOption('#f-unit', 'tan');
  await page.fill('#f-from', today);
  await page.fill('#f-to', later);
  await page.fill('#f-province', haiDuong);
  await page.fill(`#f-${priceField}`, priceValue);
  await page.selectOption('#f-price_unit', 'kg');
  await page.selectOption('#f-campaign', code);
}

// The rows of the .xlsx's first sheet, read by openpyxl.
function xlsxRows(file) {
  const py = python3WithOpenpyxl();
  assert.ok(py, 'a python3 with openpyxl reads the .xlsx back');
  const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True).worksheets[0]
print(json.dumps([list(r) for r in ws.iter_rows(values_only=True)], default=str))`;
  const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `openpyxl read ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('the supply–demand exchange in a browser', { skip, timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    contexts.admin = await newContext();
    await (await signIn(contexts.admin, users.admin)).close();
    // A Hải Dương cooperative still active, for its own account.
    const r = await contexts.admin.request.get(`/api/v1/cooperatives?province=${haiDuong}&limit=100`);
    assert.equal(r.status(), 200);
    const items = (await r.json()).items;
    const coop = items.find((i) => (i.status ?? 'active') === 'active' && !i.dissolved_on);
    assert.ok(coop, 'the demo has an active Hải Dương cooperative');
    addAccount(coopUser, 'cooperative', coop.code);
    // A buyer's own account names its buyer by the exchange's code.
    addAccount(buyerUser, 'buyer', 'SAIGONCOOP');
    contexts.coop = await newContext();
    contexts.buyer = await newContext();
    contexts.anon = await newContext();
    await (await signIn(contexts.coop, coopUser)).close();
    await (await signIn(contexts.buyer, buyerUser)).close();
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  });

  test('staff open a campaign with a target; the public does not see it yet', async () => {
    const page = await contexts.admin.newPage();
    await page.goto('/market/campaigns/new');
    await page.fill('#f-code', code);
    await page.fill('#f-name', `Tiêu thụ bắp cải thử ${code}`);
    const organisers = await page.locator('#f-organiser option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    await page.selectOption('#f-organiser', organisers[0]);
    await page.fill('#f-provinces', haiDuong);
    await page.fill('#f-starts_on', today);
    await page.fill('#f-targets', 'rau_qua 10 tấn');
    const res = await submit(page, 'form[action="/market/campaigns"] button[type=submit]');
    assert.equal(res.status(), 303, `POST /market/campaigns answers 303: ${await formErrors(page)}`);
    assert.equal(new URL(page.url()).pathname, `/market/campaigns/${code}`);
    const anon = await contexts.anon.newPage();
    assert.equal((await anon.goto(`/market/campaigns/${code}`)).status(), 404, 'unpublished: 404');
    await anon.close();
    await page.close();
  });

  test('a cooperative posts its offer and a buyer posts its own demand', async () => {
    const page = await contexts.coop.newPage();
    await page.goto(`/market/offers?campaign=${code}`);
    assert.equal(await page.locator('#f-entity').count(), 0, 'a cooperative posts its own: no entity field');
    await fillListing(page, { quantity: '5', price: ['floor_price', '8000'] });
    let res = await submit(page, 'form[method=post][action="/market/offers"] button[type=submit]');
    assert.equal(res.status(), 303, `POST /market/offers answers 303: ${await formErrors(page)}`);
    assert.equal(await page.locator('tr.listing-row').count(), 1, 'the campaign lists the offer');
    assert.match(await page.locator('tr.listing-row td.free').first().textContent(), /5 tấn/);
    await page.close();

    const b = await contexts.buyer.newPage();
    await b.goto(`/market/demand?campaign=${code}`);
    assert.equal(await b.locator('#f-buyer').count(), 0, 'a buyer posts its own: no buyer field');
    await fillListing(b, { quantity: '3', price: ['ceiling_price', '12000'] });
    res = await submit(b, 'form[method=post][action="/market/demand"] button[type=submit]');
    assert.equal(res.status(), 303, `POST /market/demand answers 303: ${await formErrors(b)}`);
    assert.equal(await b.locator('tr.listing-row').count(), 1, 'the campaign lists the demand');
    assert.match(await b.locator('main').textContent(), /12\.000/, 'the buyer sees its own ceiling');
    // Its own prices only: no cooperative's offer (nor its floor price) is shown to a buyer.
    const offers = await b.goto(`/market/offers?campaign=${code}`);
    const seen = offers.status() === 200 ? await b.locator('main').textContent() : '';
    assert.ok(!seen.includes('8.000'), 'a buyer does not see the floor price of an offer');
    // Staff see the buyer's demand under its buyer.
    const s = await contexts.admin.newPage();
    await s.goto(`/market/demand?campaign=${code}`);
    assert.match(await s.locator('tr.listing-row').first().textContent(), /Saigon Co\.op/i);
    await s.close();
    await b.close();
  });

  test('staff run the allocation, confirm it, record the delivery and the sale', async () => {
    const page = await contexts.admin.newPage();
    await page.goto(`/market/campaigns/${code}/matching`);
    const lines = page.locator('tr.proposal-line');
    assert.equal(await lines.count(), 1, 'one proposed line');
    assert.match(await lines.first().textContent(), /3 tấn/);
    assert.match(await page.locator('#market-unsold').textContent(), /2 tấn/, '2 t left unsold');
    let res = await submit(page, '#confirm-proposal');
    assert.equal(res.status(), 303, 'confirming answers 303');
    const order = page.locator('article.order').first();
    assert.equal(await page.locator('article.order').count(), 1, 'one order');
    const id = await order.getAttribute('data-order-id');
    const form = (what) => `form[action^="/market/orders/${id}/${what}"]`;
    await page.locator(`#order-${id} summary`).click();
    await page.fill(`${form('dispatch')} input[name=quantity]`, '3');
    res = await submit(page, `${form('dispatch')} button`);
    assert.equal(res.status(), 303, `dispatch answers 303: ${await formErrors(page)}`);
    await page.locator(`#order-${id} summary`).click();
    await page.fill(`${form('receive')} input[name=quantity]`, '2,9');
    res = await submit(page, `${form('receive')} button`);
    assert.equal(res.status(), 303, `receipt answers 303: ${await formErrors(page)}`);
    assert.match(await page.locator(`#order-${id}`).textContent(), /100 kg|0,1 tấn/, 'the loss is shown');
    await page.locator(`#order-${id} summary`).click();
    await page.fill(`${form('sale')} input[name=quantity]`, '2,5');
    const outlets = await page.locator(`${form('sale')} select[name=outlet] option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    await page.selectOption(`${form('sale')} select[name=outlet]`, outlets[0]);
    await page.fill(`${form('sale')} input[name=value]`, '25000000');
    res = await submit(page, `${form('sale')} button`);
    assert.equal(res.status(), 303, `the sale answers 303: ${await formErrors(page)}`);
    await page.close();
  });

  test('the campaign page and its .xlsx show the new totals; published, the public sees them', async () => {
    const page = await contexts.admin.newPage();
    await page.goto(`/market/campaigns/${code}`);
    assert.equal(await page.locator('canvas#chart-progress').count(), 1, 'the progress chart');
    const groups = await page.locator('#results-groups tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const veg = groups.find((r) => r[1] === 'tấn');
    assert.ok(veg, `a row in tonnes: ${JSON.stringify(groups)}`);
    assert.equal(veg[2], '2,5', 'sold 2,5 t');
    assert.equal(veg[3], '10', 'against 10 t');
    assert.equal(veg[4], '25,0 %');
    assert.equal(veg[5], '25.000.000');
    // By cooperative: the cooperative's own row, with its value for staff.
    const coops = await page.locator('#results-cooperatives tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
    assert.ok(coops.some((r) => r.includes('2,5') && r.includes('25.000.000')), `by cooperative: ${JSON.stringify(coops)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    const file = join(server.dir, `${code}.xlsx`);
    await download.saveAs(file);
    const rows = xlsxRows(file);
    const row = rows.find((r) => r[1] === 'tấn');
    assert.ok(row, `the .xlsx has the row: ${JSON.stringify(rows)}`);
    assert.equal(row[2], 2.5);
    assert.equal(row[3], 10);
    assert.equal(row[5], 25000000);

    await page.selectOption('#campaign-status', 'published');
    const res = await submit(page, 'form[action$="/status"] button');
    assert.equal(res.status(), 303);
    const anon = await contexts.anon.newPage();
    assert.equal((await anon.goto(`/market/campaigns/${code}`)).status(), 200, 'published: public');
    const text = await anon.locator('main').textContent();
    assert.ok(text.includes('2,5'), 'the public sees the sold quantity');
    assert.ok(!text.includes('25.000.000') && !text.includes('8.000'), 'but no values or prices');
    assert.equal(await anon.locator('#results-cooperatives').count(), 1, 'the cooperatives\' quantities');
    await anon.close();
    await page.close();
  });
});
