// Work plans in the browser: the office's plan page draws the Gantt; 互贸区's board shows its
// streets behind or on track; a unit officer reports progress on a task of their unit; a unit officer of
// another district gets the not-found page for a 互贸区 task.

// The demo's plan date (docs/workplans.md): the board is read on that day, when some streets are behind
// and some on track (src/demo/demo_plans.cc kDemoPlanDate). Empty = the server's default (today clamped).
const DEMO_DATE = process.env.CIVIC_DEMO_PLAN_DATE ?? '2026-04-15';
const HUIMAO = 'HM';

// A 1×1 PNG, as evidence for a progress report.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// GET /api/<path> with the page's session.
async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api${p}`, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: res.ok ? await res.json() : null };
  }, path);
}

// POST /api/<path> with the page's session and CSRF token.
async function apiPost(page, path, body) {
  return page.evaluate(
    async ({ p, b }) => {
      const res = await fetch(`/api${p}`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '',
        },
        body: JSON.stringify(b),
      });
      return { status: res.status, text: await res.text() };
    },
    { p: path, b: body },
  );
}

// An open leaf task in `unit`'s scope that its viewer may report on (allowed_actions has "report") and,
// when `assignedBy` is given, that unit assigned.
async function reportableTask(page, unit, assignedBy = null) {
  const list = await apiGet(page, `/tasks?under=${encodeURIComponent(unit)}&status=open&page_size=200`);
  if (list.status !== 200) throw new Error(`GET /api/tasks?under=${unit} answered ${list.status}`);
  for (const t of list.body.items) {
    if (t.children_count > 0 || t.done) continue;
    const detail = await apiGet(page, `/tasks/${encodeURIComponent(t.code)}`);
    if (detail.status !== 200 || !detail.body.allowed_actions.includes('report')) continue;
    if (assignedBy === null || detail.body.assigned_by === assignedBy) return detail.body;
  }
  throw new Error(`no task of ${unit} (of ${list.body.total}) may be reported on by this user`);
}

// The system admin adds a unit officer of `unit` (the page is signed in as nobody on return); the new officer
// then signs in and changes the password the admin chose, as it must at first sign-in (docs/security.md).
// Leaves the page signed in as the new officer; returns its username.
async function newUnitOfficer(page, h, unit, displayName) {
  await h.signedInAs(page, 'admin');
  const username = `wp${unit.toLowerCase().replace(/[^a-z0-9]/g, '')}${Date.now() % 1000000}`;
  const password = 'Officer#2026first';
  const made = await apiPost(page, '/users', {
    username,
    display_name: displayName,
    unit_code: unit,
    roles: ['unit_officer'],
    password,
  });
  if (made.status !== 201) throw new Error(`creating ${username}: ${made.status} ${made.text}`);
  await page.click('[data-test=sign-out]');
  await page.waitForURL((u) => u.pathname === '/login');
  await h.signIn(page, username, password);
  await page.waitForSelector('[data-test=change-password]', { timeout: 15000 });
  const inputs = page.locator('[data-test=change-password] input');
  await inputs.nth(0).fill(password);
  await inputs.nth(1).fill('Officer#2026own');
  await inputs.nth(2).fill('Officer#2026own');
  await page.click('[data-test=change-password] button[type=submit]');
  // The frame (and its menu) shows on the password page too: wait until the change has taken us away.
  await page.waitForURL((u) => u.pathname !== '/password', { timeout: 15000 });
  return username;
}

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  test('workplans: the office opens the plan page and the Gantt renders', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-workplans]');
    await page.waitForSelector('[data-test=plan-list] .el-table__body tr', { timeout: 15000 });
    await settle(page);
    await shot(page, 'workplans-plans');
    await page.click('[data-test=plan-list] .el-table__body tr >> nth=0');
    await page.waitForURL((u) => u.pathname.startsWith('/workplans/plans/'), { timeout: 10000 });
    await page.waitForSelector('[data-test=gantt] [data-gantt-bar]', { timeout: 15000 });
    await settle(page);
    const phases = await page.locator('[data-test=gantt-phase]').count();
    if (phases < 4) throw new Error(`the Gantt shows ${phases} phases, the demo plan has 4`);
    const groups = await page.locator('[data-test=gantt-action]').count();
    const bars = await page.locator('[data-test=gantt] [data-gantt-bar]').count();
    if (groups < 1 || bars < groups) throw new Error(`the Gantt shows ${bars} bars in ${groups} action groups`);
    // Every bar lies inside the timeline and has a width.
    const boxes = await page.$$eval('[data-test=gantt] [data-gantt-bar]', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        const t = e.parentElement.getBoundingClientRect();
        return { w: r.width, inside: r.left >= t.left - 1 && r.right <= t.right + 1 };
      }),
    );
    const bad = boxes.filter((b) => !(b.w > 0) || !b.inside).length;
    if (bad) throw new Error(`${bad} of ${boxes.length} Gantt bars are empty or outside the timeline`);
    if (!(await page.isVisible('[data-test=gantt-today]'))) throw new Error('no progress-date line on the Gantt');
    await shot(page, 'workplans-gantt');
    await page.locator('[data-test=lagging-items]').scrollIntoViewIfNeeded();
    await shot(page, 'workplans-lagging');
    const lagging = await page.locator('[data-test=lagging-items] .el-table__body tr').count();
    if (lagging < 1) throw new Error('the demo plan shows no item done but lagging');
  });

  test("workplans: huimao sees 互贸区's streets behind and on track, and goes down to a street", async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'huimao');
    await page.goto(`${session.baseUrl}/workplans/board${DEMO_DATE ? `?date=${DEMO_DATE}` : ''}`);
    await page.waitForSelector('[data-test=board-children] .el-table__body tr', { timeout: 15000 });
    await settle(page);
    const own = (await page.textContent('[data-test=own-progress]')).trim();
    if (!/%$/.test(own)) throw new Error(`互贸区's own progress shows ${JSON.stringify(own)}`);
    const rows = await page.$$eval('[data-test=board-children] .el-table__body tr', (trs) =>
      trs.map((tr) => ({
        unit: tr.querySelector('[data-test^=board-unit-]')?.getAttribute('data-test').replace('board-unit-', ''),
        status: tr.querySelector('[data-status]')?.getAttribute('data-status'),
        red: tr.classList.contains('row-behind'),
      })),
    );
    if (!rows.length || rows.some((r) => !r.unit?.startsWith(`${HUIMAO}-`))) {
      throw new Error(`the board's rows are not 互贸区's streets: ${JSON.stringify(rows)}`);
    }
    const behind = rows.filter((r) => r.status === 'behind');
    const onTrack = rows.filter((r) => r.status === 'on_track');
    if (!behind.length || !onTrack.length) {
      throw new Error(`expected streets both behind and on track: ${JSON.stringify(rows)}`);
    }
    if (behind.some((r) => !r.red) || onTrack.some((r) => r.red))
      throw new Error(`behind rows are not (only) the red ones: ${JSON.stringify(rows)}`);
    await shot(page, 'workplans-board-huimao');
    // Down to the first behind street: its board lists its communities.
    const street = behind[0].unit;
    await page.click(`[data-test=board-unit-${street}]`);
    await page.waitForURL((u) => u.searchParams.get('unit') === street, { timeout: 10000 });
    await page.waitForFunction(
      (s) =>
        [...document.querySelectorAll('[data-test=board-children] [data-test^=board-unit-]')].every((e) =>
          e.getAttribute('data-test').startsWith(`board-unit-${s}-`),
        ),
      street,
      { timeout: 10000 },
    );
    await settle(page);
    await shot(page, 'workplans-board-street');
  });

  test('workplans: a unit officer reports progress with a photo on a task in their scope; another officer of the assigning unit approves it', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'jiedao');
    const unit = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user.unit.code);
    // In the demo the street (海关街道) split its tasks to its communities, so the reportable leaf task is a
    // community's task the street assigned: jiedao reports, and another officer of the street approves.
    const task = await reportableTask(page, unit, unit);
    await page.goto(`${session.baseUrl}/workplans/tasks/${encodeURIComponent(task.code)}`);
    await page.waitForSelector('[data-test=act-report]', { timeout: 15000 });
    await settle(page);
    const before = await page.locator('[data-test=task-reports] .el-table__body tr').count();
    await page.click('[data-test=act-report]');
    await page.waitForSelector('[data-test=report-dialog] [data-test=report-progress]');
    const target = Math.min(95, Math.round(((task.progress ?? 0) * 100) / 5) * 5 + 20);
    const input = page.locator('[data-test=report-dialog] [data-test=report-progress] .el-input-number input');
    await input.fill(String(target));
    await input.press('Tab');
    await page.fill('textarea[data-test=report-note], [data-test=report-note] textarea', '浏览器测试：已完成点位整治');
    await page.setInputFiles('[data-test=report-photo-upload] input[type=file]', {
      name: 'evidence.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.waitForSelector('[data-test=report-dialog] .thumb', { timeout: 10000 });
    await shot(page, 'workplans-report-dialog');
    await page.click('[data-test=report-submit]');
    await page.waitForSelector('[data-test=report-dialog]', { state: 'hidden', timeout: 10000 });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-test=task-reports] .el-table__body tr').length === n + 1,
      before,
      { timeout: 10000 },
    );
    const after = await apiGet(page, `/tasks/${encodeURIComponent(task.code)}`);
    const newest = [...after.body.reports].sort((a, b) => (a.reported_at < b.reported_at ? 1 : -1))[0];
    if (Math.abs(newest.progress - target / 100) > 1e-9)
      throw new Error(`reported ${newest.progress}, chose ${target}%`);
    if (newest.photos.length !== 1) throw new Error(`the report carries ${newest.photos.length} photos`);
    if (!after.body.events.some((e) => e.action === 'report')) throw new Error('no report event in the history');
    await settle(page);
    await shot(page, 'workplans-task-reported');
    // Four eyes: jiedao may approve reports of this task (it assigned it) but not its own one; the refusal
    // is in Chinese and the report stays pending.
    expectEqual(newest.state, 'pending', 'state of the new report');
    session.expectRefusal('POST', 403, /^\/api\/tasks\/[^/]+\/actions\/approve$/);
    const ownRow = page.locator('[data-test=task-reports] .el-table__body tr', {
      has: page.locator(`[data-test=report-state-${newest.id}]`),
    });
    await ownRow.locator('[data-test=act-approve]').click();
    await page.click('.el-message-box .el-button--primary');
    await page.waitForSelector('.el-message--error', { timeout: 10000 });
    const refusal = (await page.textContent('.el-message--error')).trim();
    if (!refusal.includes('不能审核本人提交的进度报告')) throw new Error(`self-approval answered: ${refusal}`);
    await shot(page, 'workplans-self-approval-refused');
    const still = await apiGet(page, `/tasks/${encodeURIComponent(task.code)}`);
    expectEqual(still.body.reports.find((r) => r.id === newest.id).state, 'pending', 'own report after refusal');
    // Another officer of the assigning street approves the pending report in the browser.
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    await newUnitOfficer(page, h, unit, '海关街道联络员（复核）');
    await page.goto(`${session.baseUrl}/workplans/tasks/${encodeURIComponent(task.code)}`);
    await page.waitForSelector(`[data-test=report-state-${newest.id}]`, { timeout: 15000 });
    const row = page.locator('[data-test=task-reports] .el-table__body tr', {
      has: page.locator(`[data-test=report-state-${newest.id}]`),
    });
    await row.locator('[data-test=act-approve]').click();
    await page.click('.el-message-box .el-button--primary');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-test=report-state-${id}]`)?.textContent.includes('已通过'),
      newest.id,
      { timeout: 10000 },
    );
    const approved = await apiGet(page, `/tasks/${encodeURIComponent(task.code)}`);
    if (Math.abs(approved.body.progress - target / 100) > 1e-9) {
      throw new Error(`after approval the task's progress is ${approved.body.progress}, expected ${target / 100}`);
    }
    await settle(page);
    await shot(page, 'workplans-task-approved');
  });

  test('workplans: a unit officer of another district cannot open a 互贸区 task', async ({ session }) => {
    const page = await session.open();
    session.expectRefusal('GET', 404, /^\/api\/tasks\/[^/]+/); // another district's task
    // A 互贸区 task, as huimao sees it.
    await signedInAs(page, 'huimao');
    const list = await apiGet(page, `/tasks?under=${HUIMAO}&page_size=1`);
    if (list.status !== 200 || !list.body.items.length) throw new Error(`huimao lists no tasks (${list.status})`);
    const code = list.body.items[0].code;
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    // The demo has no other district's officer: the system admin makes one in 东城区.
    await newUnitOfficer(page, h, 'DC', '东城区联络员');
    await page.goto(`${session.baseUrl}/workplans/tasks/${encodeURIComponent(code)}`);
    await page.waitForSelector('[data-test=task-detail] [data-test=not-found]', { timeout: 15000 });
    if (await page.isVisible('[data-test=task-title]')) throw new Error('the task is shown to another district');
    const direct = await apiGet(page, `/tasks/${encodeURIComponent(code)}`);
    if (direct.status !== 404) throw new Error(`GET /api/tasks/${code} answered ${direct.status} to another district`);
    await settle(page);
    await shot(page, 'workplans-other-district-404');
  });
}
