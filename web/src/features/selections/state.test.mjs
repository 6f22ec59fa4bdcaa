// Unit test of the selection console's rules (state.ts): `node src/features/selections/state.test.mjs` from
// web/ (scripts/run-tests runs it). The phase of a selection by its deadlines, the steps each permission set is
// offered at each stage (the office's, a unit officer's, an inspector's, a leader's — src/service/core/
// permission.cc), who gets a score sheet, and a picked date as the end of that day in Asia/Shanghai.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const js = ts.transpileModule(readFileSync(path.join(here, 'state.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 },
}).outputText;
const file = path.join(mkdtempSync(path.join(tmpdir(), 'selections-')), 'state.mjs');
writeFileSync(file, js);
const s = await import(pathToFileURL(file).href);

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.log(`not ok - ${what}`);
  }
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Phases: each deadline passed moves the selection on; no deadline never passes.
const now = Date.parse('2026-06-15T12:00:00+08:00');
const sel = (n, r, c) => ({ nomination_deadline: n, review_deadline: r, scoring_deadline: c });
check(s.selectionState(sel(null, null, null), now) === 'nominating', 'no deadlines: nominating');
check(s.selectionState(sel('2026-06-20T23:59:59+08:00', null, null), now) === 'nominating', 'before nomination ends');
check(s.selectionState(sel('2026-06-10T23:59:59+08:00', null, null), now) === 'reviewing', 'after nomination ends');
check(
  s.selectionState(sel('2026-06-01T23:59:59+08:00', '2026-06-10T23:59:59+08:00', '2026-06-30T23:59:59+08:00'), now) ===
    'scoring',
  'after the review deadline',
);
check(
  s.selectionState(sel('2026-06-01T23:59:59+08:00', '2026-06-05T23:59:59+08:00', '2026-06-15T11:59:59+08:00'), now) ===
    'closed',
  'after the scoring deadline',
);

// Steps by permission set and stage.
const office = ['read_selections', 'nominate_selections', 'review_selections', 'manage_selections'];
const officer = ['read_selections', 'nominate_selections'];
const inspector = ['read_selections', 'review_selections'];
const leader = ['read_selections'];
const expectSteps = {
  nominated: [['review', 'withdraw'], ['review'], [], []],
  reviewed: [['withdraw'], [], [], []],
  scored: [['start-notice', 'withdraw'], [], [], []],
  in_notice: [['approve', 'withdraw'], [], [], []],
  approved: [['name', 'withdraw'], [], [], []],
  named: [['renew', 'revoke'], [], [], []],
  withdrawn: [[], [], [], []],
};
for (const [stage, wants] of Object.entries(expectSteps)) {
  [office, officer, inspector, leader].forEach((perms, i) => {
    const got = s.stepsFor(stage, perms);
    check(same(got, wants[i]), `steps at ${stage} for set ${i}: ${JSON.stringify(got)}`);
  });
}
// The score sheet: the panel, at reviewed or scored only.
for (const stage of ['nominated', 'reviewed', 'scored', 'in_notice', 'named', 'withdrawn']) {
  const panel = stage === 'reviewed' || stage === 'scored';
  check(s.mayScore(stage, inspector) === panel, `inspector's sheet at ${stage}`);
  check(s.mayScore(stage, office) === panel, `office's sheet at ${stage}`);
  check(!s.mayScore(stage, officer), `no sheet for a unit officer at ${stage}`);
}

// A picked day ends at 23:59:59 in Shanghai, 15:59:59 UTC.
check(s.endOfDay('2026-06-30') === '2026-06-30T23:59:59+08:00', 'end of day text');
check(new Date(s.endOfDay('2026-06-30')).toISOString() === '2026-06-30T15:59:59.000Z', 'end of day in UTC');

console.log(failures ? `selections state: ${failures} failed` : 'selections state: all passed');
process.exit(failures ? 1 : 0);
