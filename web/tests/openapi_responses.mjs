// Real responses of a running `htx serve` checked against the response schemas of
// web/openapi.json (JSON Schema 2020-12, with ajv).
//
//   import { checkResponses } from './openapi_responses.mjs';
//   const results = await checkResponses('http://127.0.0.1:8080', token);
//   // [{ name, method, url, status, errors: [] }, ...]  (errors empty when the body matches)
//
// or from a shell:  node web/tests/openapi_responses.mjs http://127.0.0.1:8080 <token>
// (exit 1 when a response does not match). The token should belong to a national user (admin
// or national staff), so that full records are checked as well as the public directory. The
// server must hold at least one entity, one task and one meeting: each is fetched by its address,
// and a missing one is a failure, not a skipped check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
export const documentPath = path.join(here, '..', 'openapi.json');
const DOC_ID = 'urn:htx:openapi';

export function loadDocument(file = documentPath) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// Deep copy with the document's local references made absolute, so that a schema taken out of
// the document still finds #/components/schemas/...
function absolute(schema) {
  if (Array.isArray(schema)) return schema.map(absolute);
  if (schema && typeof schema === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : absolute(v);
    }
    return out;
  }
  return schema;
}

function resolve(doc, obj) {
  while (obj && obj.$ref) {
    obj = obj.$ref.slice(2).split('/').reduce((o, p) => o[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return obj;
}

// A validator for every (path, method, status) of the document with a JSON body.
export function makeValidator(doc = loadDocument()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
  const validators = new Map();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, resp] of Object.entries(op.responses ?? {})) {
        const schema = resolve(doc, resp)?.content?.['application/json']?.schema;
        if (schema) validators.set(`${method.toUpperCase()} ${p} ${status}`, ajv.compile(absolute(schema)));
      }
    }
  }
  const validate = (method, pathTemplate, status, body) => {
    const v = validators.get(`${method} ${pathTemplate} ${status}`);
    if (!v) return [`the document has no JSON response ${status} for ${method} ${pathTemplate}`];
    return v(body) ? [] : v.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
  validate.count = validators.size;
  return validate;
}

async function call(baseUrl, method, url, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(new URL(url, baseUrl), { method, headers });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, contentType: res.headers.get('content-type') ?? '' };
}

// Fetches every GET endpoint (public and with the token, successes and typical errors) and
// validates each body against the document.
export async function checkResponses(baseUrl, token, { document = loadDocument() } = {}) {
  const validate = makeValidator(document);
  const results = [];
  const check = async (name, template, url, { auth = false, expect } = {}) => {
    const r = await call(baseUrl, 'GET', url, auth ? token : undefined);
    const errors = [];
    if (expect !== undefined && r.status !== expect) errors.push(`status ${r.status}, expected ${expect}`);
    if (!r.contentType.startsWith('application/json')) errors.push(`content type ${r.contentType}`);
    if (r.body === undefined) errors.push('the body is not JSON');
    else errors.push(...validate('GET', template, String(r.status), r.body));
    results.push({ name, method: 'GET', url, status: r.status, errors });
    return r;
  };

  const list = await check('directory', '/api/v1/cooperatives', '/api/v1/cooperatives?limit=5', { expect: 200 });
  await check('directory search', '/api/v1/cooperatives', '/api/v1/cooperatives?q=ha%20noi&type=HTX&sort=founded&dir=desc&limit=3', { expect: 200 });
  const full = await check('full records', '/api/v1/cooperatives', '/api/v1/cooperatives?limit=5', { auth: true, expect: 200 });
  const code = full.body?.items?.[0]?.code ?? list.body?.items?.[0]?.code;
  if (code) {
    const one = `/api/v1/cooperatives/${encodeURIComponent(code)}`;
    await check('one entity (public)', '/api/v1/cooperatives/{code}', one, { expect: 200 });
    await check('one entity (token)', '/api/v1/cooperatives/{code}', one, { auth: true, expect: 200 });
  } else {
    results.push({ name: 'one entity', method: 'GET', url: '(none)', status: 0, errors: ['the registry is empty: no entity to fetch'] });
  }
  await check('unknown entity', '/api/v1/cooperatives/{code}', '/api/v1/cooperatives/NO-SUCH-CODE', { expect: 404 });
  await check('bad paging', '/api/v1/cooperatives', '/api/v1/cooperatives?limit=0', { expect: 400 });
  {
    const r = await fetch(new URL('/api/v1/me', baseUrl), { headers: { Accept: 'application/json', Authorization: 'Bearer not-a-token' } });
    const body = await r.json().catch(() => undefined);
    const errors = r.status === 401 ? validate('GET', '/api/v1/me', '401', body) : [`status ${r.status}, expected 401`];
    results.push({ name: 'bad token', method: 'GET', url: '/api/v1/me', status: r.status, errors });
  }
  await check('report of a year', '/api/v1/reports/{period}', '/api/v1/reports/2021', { expect: 200 });
  await check('report of a month, registered boundaries', '/api/v1/reports/{period}', '/api/v1/reports/2021-02?boundaries=registered&lang=en', { expect: 200 });
  await check('bad period', '/api/v1/reports/{period}', '/api/v1/reports/2021-13', { expect: 400 });
  await check('national dashboard', '/api/v1/dashboard', '/api/v1/dashboard', { expect: 200 });
  await check('province dashboard', '/api/v1/dashboard', '/api/v1/dashboard?province=01-2025', { expect: 200 });
  await check('me', '/api/v1/me', '/api/v1/me', { auth: true, expect: 200 });
  await check('me without a token', '/api/v1/me', '/api/v1/me', { expect: 401 });
  await check('the document', '/api/v1/openapi.json', '/api/v1/openapi.json', { expect: 200 });

  // The work programme (a token is required).
  const tasks = await check('tasks', '/api/v1/tasks', '/api/v1/tasks?limit=5', { auth: true, expect: 200 });
  await check('tasks filtered', '/api/v1/tasks', '/api/v1/tasks?key=true&overdue=true&year=2021&limit=3', { auth: true, expect: 200 });
  await check('tasks without a token', '/api/v1/tasks', '/api/v1/tasks', { expect: 401 });
  await check('tasks, bad status', '/api/v1/tasks', '/api/v1/tasks?status=finished', { auth: true, expect: 400 });
  const taskId = tasks.body?.items?.[0]?.id;
  if (taskId) await check('one task', '/api/v1/tasks/{id}', `/api/v1/tasks/${taskId}`, { auth: true, expect: 200 });
  else results.push({ name: 'one task', method: 'GET', url: '(none)', status: 0, errors: ['the work programme has no task to fetch'] });
  await check('unknown task', '/api/v1/tasks/{id}', '/api/v1/tasks/999999999', { auth: true, expect: 404 });
  await check('documents', '/api/v1/documents', '/api/v1/documents?limit=5', { auth: true, expect: 200 });
  await check('review of a month', '/api/v1/reviews/{period}', '/api/v1/reviews/2021-02', { auth: true, expect: 200 });
  await check('review of a year', '/api/v1/reviews/{period}', '/api/v1/reviews/2021', { auth: true, expect: 200 });
  await check('review, bad period', '/api/v1/reviews/{period}', '/api/v1/reviews/2021-13', { auth: true, expect: 400 });
  await check('units', '/api/v1/units', '/api/v1/units', { auth: true, expect: 200 });

  // The reporting regime (a token is required).
  await check('report forms', '/api/v1/reporting/forms', '/api/v1/reporting/forms', { auth: true, expect: 200 });
  await check('reporting rates', '/api/v1/reporting/rates/{period}', '/api/v1/reporting/rates/2021-02', { auth: true, expect: 200 });
  await check('reporting rates, bad period', '/api/v1/reporting/rates/{period}', '/api/v1/reporting/rates/2021-13', { auth: true, expect: 400 });

  // Governance (a token is required).
  const meetings = await check('meetings', '/api/v1/meetings', '/api/v1/meetings?limit=5', { auth: true, expect: 200 });
  await check('meetings filtered', '/api/v1/meetings', '/api/v1/meetings?body=standing&year=2021', { auth: true, expect: 200 });
  await check('meetings without a token', '/api/v1/meetings', '/api/v1/meetings', { expect: 401 });
  await check('meetings, bad year', '/api/v1/meetings', '/api/v1/meetings?year=20x', { auth: true, expect: 400 });
  const meetingId = meetings.body?.items?.[0]?.id;
  if (meetingId) await check('one meeting', '/api/v1/meetings/{id}', `/api/v1/meetings/${meetingId}`, { auth: true, expect: 200 });
  else results.push({ name: 'one meeting', method: 'GET', url: '(none)', status: 0, errors: ['governance has no meeting to fetch'] });
  await check('unknown meeting', '/api/v1/meetings/{id}', '/api/v1/meetings/999999999', { auth: true, expect: 404 });
  await check('admissions', '/api/v1/admissions', '/api/v1/admissions?batch=2/2021', { auth: true, expect: 200 });
  await check('admissions, bad batch', '/api/v1/admissions', '/api/v1/admissions?batch=second', { auth: true, expect: 400 });
  await check('memberships', '/api/v1/memberships', '/api/v1/memberships?current=true', { auth: true, expect: 200 });
  await check('awards', '/api/v1/awards', '/api/v1/awards?year=2021', { auth: true, expect: 200 });
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [baseUrl, token] = process.argv.slice(2);
  if (!baseUrl || !token) {
    console.error('usage: node openapi_responses.mjs <base URL> <API token>');
    process.exit(2);
  }
  const results = await checkResponses(baseUrl, token);
  let failed = 0;
  for (const r of results) {
    if (r.errors.length) failed++;
    console.log(`${r.errors.length ? 'FAIL' : 'ok  '} ${r.status} ${r.name} ${r.url}`);
    for (const e of r.errors) console.log(`       ${e}`);
  }
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
