// web/openapi.json: linted by Redocly's recommended rules (no errors, no warnings), every
// schema compiled by ajv (JSON Schema 2020-12) and its examples valid; and — when
// HTX_TEST_BASE_URL and HTX_TEST_TOKEN name a running server and a national user's API token —
// the real responses of every GET endpoint valid against the document.
//   node --test web/tests/openapi.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkResponses, documentPath, loadDocument, makeValidator } from './openapi_responses.mjs';

const webDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const redocly = path.join(webDir, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

test('openapi.json passes the Redocly linter', () => {
  assert.ok(existsSync(redocly), `${redocly} is missing: run scripts/npm-deps.sh`);
  const run = spawnSync(process.execPath, [redocly, 'lint', documentPath, '--format=json'], {
    cwd: webDir,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 90_000,
  });
  const start = run.stdout.indexOf('{');
  assert.ok(start >= 0, `no JSON from the linter:\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(run.stdout.slice(start));
  const problems = report.problems ?? [];
  const describe = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`;
  assert.equal(report.totals?.errors, 0, problems.map(describe).join('\n'));
  assert.equal(report.totals?.warnings, 0, problems.map(describe).join('\n'));
  assert.equal(run.status, 0, run.stderr);
});

test('every response schema compiles and the examples match their schemas', () => {
  const doc = loadDocument();
  assert.match(doc.openapi, /^3\.1\./);
  const validate = makeValidator(doc);
  assert.ok(validate.count >= 30, `only ${validate.count} JSON responses described`);
  // Every operation says who may call it and answers JSON errors in the common shape.
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      assert.ok(Array.isArray(op.security), `${method} ${p}: no security`);
      assert.ok(op.operationId, `${method} ${p}: no operationId`);
    }
  }
  for (const [name, resp] of Object.entries(doc.components.responses)) {
    const example = resp.content?.['application/json']?.example;
    if (example === undefined) continue;
    assert.deepEqual(validate('GET', '/api/v1/me', '401', example), [], `example of ${name}`);
  }
  // A few bodies that must not pass.
  assert.notDeepEqual(validate('GET', '/api/v1/me', '401', { error: { code: 1 } }), []);
  assert.notDeepEqual(validate('GET', '/api/v1/cooperatives', '200', { total: 1, items: [] }), []);
});

test('real responses match the document', { timeout: 120_000 }, async (t) => {
  const base = process.env.HTX_TEST_BASE_URL;
  const token = process.env.HTX_TEST_TOKEN;
  if (!base || !token) {
    t.skip('set HTX_TEST_BASE_URL and HTX_TEST_TOKEN (a running htx serve and a national user\'s API token) to check real responses');
    return;
  }
  const results = await checkResponses(base, token);
  const failures = results.filter((r) => r.errors.length);
  assert.deepEqual(
    failures.map((r) => `${r.name} ${r.url} (${r.status}): ${r.errors.join('; ')}`),
    [],
  );
  assert.ok(results.length >= 15);
});
