// Issue 13's "Done means" in the browser, from the fresh demo, each step as the user who does it:
// the office opens a draft of the shipped framework, gives A1.1.1 one more point, publishes, and creates the
// period E2E13 on the new version; 统计局's officer (tongji) reports 互贸区's 人均地区生产总值 doubled without
// an explanation (the Chinese error, nothing saved), then last period's value (submitted); the office
// approves it in 数据审核 and 测评成绩 shows 互贸区's score up by the item's points × f(value); 互贸区's officer
// (huimao) submits A1.1.1's material, the office sends it back (退回补充), huimao resubmits, the office grades
// B and the score rises by the new points × 0.8; a 一票否决 event on 互贸区 shows it disqualified in the
// dashboard's ranking; the period is closed and a late grade is refused (409, the message shown).
// E2E13 runs 2027-07-01..2027-12-31, clear of the period periods.test.mjs creates (2027-01-01..06-30).

const PERIOD = 'E2E13';
const UNIT = 'HM';
const ITEM = 'A1.1.1';
const METRIC = 'gdp_per_capita';
const pdf = (name) => ({
  name: `${name}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% Civic browser test: ${name}\n%%EOF\n`),
});

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;
  const native = (name, tag = 'input') => `${tag}[data-test=${name}], [data-test=${name}] ${tag}`;

  // GET an /api path as the signed-in user (for expected figures; the steps themselves go through the pages).
  const apiGet = (page, path) =>
    page.evaluate(async (p) => {
      const r = await fetch(p, { credentials: 'same-origin' });
      if (!r.ok) throw new Error(`GET ${p}: ${r.status}`);
      return r.json();
    }, path);

  async function pickPeriod(page) {
    await page.locator('[data-test=period-picker]').first().click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: PERIOD }).first().click();
    await settle(page);
  }

  async function score(page, baseUrl) {
    await page.goto(`${baseUrl}/scores?unit=${UNIT}&period=${PERIOD}`);
    await page.waitForSelector('[data-test=scores-total]');
    await settle(page);
    return Number((await page.textContent('[data-test=scores-total]')).trim());
  }

  function near(actual, expected, what) {
    // The page shows two decimals (the start figure too).
    if (Math.abs(actual - expected) > 0.011) throw new Error(`${what}: expected ${expected.toFixed(2)}, saw ${actual}`);
  }

  async function errorShown(page, text) {
    const message = page.locator('.el-message--error', { hasText: text }).last();
    await message.waitFor({ timeout: 10000 });
    return (await message.textContent()).trim();
  }

  // Waits for the answer of `method` on a path matching `re` while `act` runs; throws unless it is `status`.
  async function answer(page, method, re, status, act) {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname), {
        timeout: 15000,
      }),
      act(),
    ]);
    if (res.status() !== status) throw new Error(`${method} ${res.url()}: ${res.status()} ${await res.text()}`);
    return res.status() === 204 ? null : res.json();
  }

  async function openMaterial(page, baseUrl) {
    await page.goto(`${baseUrl}/materials`);
    await page.waitForSelector('[data-test=materials]');
    await settle(page);
    await pickPeriod(page);
    await page.locator('[data-test=material-list] .el-table__row', { hasText: ITEM }).first().click();
    await page.waitForSelector('.el-drawer__body');
    await settle(page);
  }

  test('evidence: draft → period → statistic → material → 一票否决 → closed, the score changing at each step', async ({
    session,
    baseUrl,
  }) => {
    const figures = [];
    session.expectRefusal('PUT', 400, new RegExp(`^/api/statistics/${PERIOD}/${UNIT}/${METRIC}$`));
    session.expectRefusal('POST', 409, /^\/api\/materials\/\d+\/actions\/grade$/);

    // 1. The office: a draft of the newest version, A1.1.1 one point more, published.
    let page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/framework-drafts`);
    await page.waitForSelector('[data-test=framework-versions] [data-test^=new-draft-]');
    await settle(page);
    await page.click('[data-test=framework-versions] [data-test^=new-draft-]');
    await page.waitForURL((u) => /^\/framework-drafts\/\d+$/.test(u.pathname), { timeout: 10000 });
    await page.waitForSelector('[data-test=draft-ok]');
    await page.click(`[data-test=draft-tree] .el-tree-node__content:has-text("${ITEM} ")`);
    const points = page.locator('[data-test=item-points] input');
    const oldPoints = Number(await points.inputValue());
    await answer(page, 'PUT', /^\/api\/framework-drafts\/\d+$/, 200, async () => {
      await points.fill(String(oldPoints + 1));
      await points.press('Tab');
    });
    await settle(page);
    await page.waitForSelector('[data-test=draft-ok]');
    await page.click('[data-test=draft-publish]');
    const { code, version } = await answer(page, 'POST', /\/actions\/publish$/, 200, () =>
      page.click('.el-message-box .el-button--primary'),
    );
    await page.waitForSelector('[data-test=draft-state].el-tag--success');
    const framework = await apiGet(page, `/api/frameworks/${code}?version=${version}`);
    const items = framework.aspects.flatMap((a) => a.indicators.flatMap((i) => i.items));
    const material = items.find((i) => i.code === ITEM);
    const statistic = items.find((i) => i.metric === METRIC);
    if (material.max_score !== oldPoints + 1)
      throw new Error(`${ITEM} has ${material.max_score} points in v${version}`);
    figures.push(`${code} v${version}: ${ITEM} ${oldPoints} → ${material.max_score} points`);

    // 2. The period on the new version.
    await page.goto(`${baseUrl}/periods`);
    await page.waitForSelector('[data-test=periods-table]');
    await settle(page);
    await page.click('[data-test=period-create]');
    await page.fill(native('period-code'), PERIOD);
    await page.fill(native('period-name'), '2027 年下半年（证据流程测试）');
    await page.fill(native('period-start'), '2027-07-01');
    await page.fill(native('period-end'), '2027-12-31');
    await page.fill(native('period-version'), String(version));
    await page.press(native('period-version'), 'Tab');
    const period = await answer(page, 'POST', /^\/api\/periods$/, 201, () => page.click('[data-test=period-save]'));
    if (period.framework.version !== version) throw new Error(`${PERIOD} is on version ${period.framework.version}`);
    await page.waitForSelector(`[data-test=period-state-${PERIOD}]`);
    const start = await score(page, baseUrl);

    // 3. 统计局 reports 互贸区's value: doubled without an explanation is refused (the Chinese text), and the
    // value is not submitted; last period's value goes through.
    page = await session.open();
    await signedInAs(page, 'tongji');
    await page.goto(`${baseUrl}/statistics/report`);
    await page.waitForSelector('[data-test=statistics-report]');
    await settle(page);
    await pickPeriod(page);
    const entry = await apiGet(page, `/api/statistics/${PERIOD}/${UNIT}/${METRIC}`);
    if (entry.previous === null) throw new Error('no previous value for 互贸区 (is this a fresh demo?)');
    const value = page.locator(`[data-test=value-${UNIT}-${METRIC}] input`);
    await value.fill(String(entry.previous * 2));
    await value.press('Tab');
    const valuePath = new RegExp(`^/api/statistics/${PERIOD}/${UNIT}/${METRIC}$`);
    await answer(page, 'PUT', valuePath, 400, () => page.click(`[data-test=submit-${UNIT}-${METRIC}]`));
    const refusal = await errorShown(page, '变化说明');
    // Nothing saved: the value is as it was before (提交 saves and submits in one transaction).
    const refused = await apiGet(page, `/api/statistics/${PERIOD}/${UNIT}/${METRIC}`);
    if (refused.state !== entry.state || refused.version !== entry.version || refused.value !== entry.value)
      throw new Error(`refused, yet stored: ${refused.state} v${refused.version} ${refused.value}`);
    figures.push(`bad value ${entry.previous * 2} (previous ${entry.previous}): "${refusal}", state ${refused.state}`);
    await shot(page, 'evidence-statistic-refused');
    await value.fill(String(entry.previous));
    await value.press('Tab');
    await answer(page, 'PUT', valuePath, 200, () => page.click(`[data-test=submit-${UNIT}-${METRIC}]`));
    await settle(page);

    // 4. The office approves in 数据审核; the score rises by points × f(value) (scoring.md §3.3).
    page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/statistics/review`);
    await page.waitForSelector('[data-test=statistics-review]');
    await settle(page);
    await pickPeriod(page);
    await page.waitForSelector(`[data-test=approve-${UNIT}-${METRIC}]`);
    await answer(page, 'POST', /\/actions\/approve$/, 200, () => page.click(`[data-test=approve-${UNIT}-${METRIC}]`));
    const v = entry.previous;
    const f =
      v >= statistic.target
        ? 1
        : Math.min(1, Math.max(0, (v - statistic.floor) / (statistic.target - statistic.floor)));
    const afterStatistic = await score(page, baseUrl);
    const expectStatistic = start + statistic.max_score * f;
    near(afterStatistic, expectStatistic, 'the score after approving');
    figures.push(`互贸区 ${start} → ${afterStatistic} after approving ${v} (${statistic.max_score} × ${f.toFixed(4)})`);

    // 5. huimao submits A1.1.1's material with a PDF.
    page = await session.open();
    await signedInAs(page, 'huimao');
    await page.goto(`${baseUrl}/materials`);
    await page.waitForSelector('[data-test=materials]');
    await settle(page);
    await pickPeriod(page);
    await page.click('[data-test=materials-create]');
    await page.fill(native('draft-item'), ITEM);
    await page.click('.el-dialog [data-test=unit-picker]');
    await page.locator('.el-tree-node__content:visible', { hasText: '互贸区' }).first().click();
    await page.fill(native('draft-description', 'textarea'), '政府信息公开制度及公开目录');
    await answer(page, 'POST', /^\/api\/materials$/, 201, () => page.click('[data-test=draft-save]'));
    await page.waitForSelector('[data-test=material-submit]');
    await answer(page, 'POST', /^\/api\/files$/, 201, () =>
      page.setInputFiles('.el-drawer input[type=file]', pdf('disclosure-rules')),
    );
    await answer(page, 'POST', /\/actions\/submit$/, 200, () => page.click('[data-test=material-submit]'));
    await settle(page);

    // The office sends it back (退回补充) with a reason.
    page = await session.open();
    await signedInAs(page, 'office');
    await openMaterial(page, baseUrl);
    await page.fill(native('material-reason'), '缺少公开目录的更新记录，请补充');
    const returned = await answer(page, 'POST', /\/actions\/return$/, 200, () =>
      page.click('[data-test=material-return]'),
    );
    if (returned.state !== 'returned') throw new Error(`sent back, yet ${returned.state}`);

    // huimao sees the reason, adds the record and resubmits.
    page = await session.open();
    await signedInAs(page, 'huimao');
    await openMaterial(page, baseUrl);
    const note = (await page.textContent('[data-test=material-returned]')).trim();
    if (!note.includes('缺少公开目录的更新记录')) throw new Error(`the returned note says: ${note}`);
    await answer(page, 'POST', /^\/api\/files$/, 201, () =>
      page.setInputFiles('.el-drawer input[type=file]', pdf('catalogue-updates')),
    );
    const resubmitted = await answer(page, 'POST', /\/actions\/submit$/, 200, () =>
      page.click('[data-test=material-submit]'),
    );
    if (resubmitted.files.length !== 2) throw new Error(`resubmitted with ${resubmitted.files.length} files`);
    await shot(page, 'evidence-material-resubmitted');

    // The office grades B: the score rises by the new points × the framework's fraction for B.
    page = await session.open();
    await signedInAs(page, 'office');
    await openMaterial(page, baseUrl);
    await page.click('[data-test=material-grade] label:has-text("B")');
    await page.fill(native('material-comment'), '基本齐全');
    const graded = await answer(page, 'POST', /\/actions\/grade$/, 200, () =>
      page.click('[data-test=material-grade-save]'),
    );
    if (graded.grade !== 'B') throw new Error(`graded ${graded.grade}`);
    const fractionB = (framework.grades ?? { B: 0.8 }).B;
    const afterMaterial = await score(page, baseUrl);
    const expectMaterial = expectStatistic + material.max_score * fractionB;
    near(afterMaterial, expectMaterial, 'the score after grading B');
    figures.push(`互贸区 ${afterStatistic} → ${afterMaterial} after grade B (${material.max_score} × ${fractionB})`);

    // 6. A 一票否决 event on 互贸区: disqualified in the dashboard's ranking and on its score page.
    await page.goto(`${baseUrl}/penalties`);
    await page.waitForSelector('[data-test=penalties]');
    await settle(page);
    await pickPeriod(page);
    await page.click('[data-test=record-penalty]');
    await page.click('.el-dialog [data-test=unit-picker]');
    const city = page.locator('.el-tree-node:visible', { hasText: '青川市' }).first();
    await city.locator('.el-tree-node__expand-icon').first().click();
    await page.locator('.el-tree-node__content:visible', { hasText: '互贸区' }).first().click();
    await page.click('[data-test=penalty-type]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'N1 ' }).first().click();
    await page.fill('.el-dialog .el-date-editor input', '2027-08-01');
    await page.press('.el-dialog .el-date-editor input', 'Enter');
    await page.fill('.el-dialog textarea', '互贸区建筑工地发生重大生产安全责任事故');
    const event = await answer(page, 'POST', /^\/api\/penalties$/, 201, () => page.click('[data-test=penalty-save]'));
    if (!event.disqualify) throw new Error(`the event does not disqualify: ${JSON.stringify(event)}`);
    await settle(page);
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=dashboard]');
    await settle(page);
    await pickPeriod(page);
    const tag = page.locator('[data-test=ranking-disqualified]', { hasText: '互贸区' });
    await tag.waitFor({ timeout: 15000 });
    const tagText = (await tag.textContent()).trim();
    if (!tagText.includes('一票否决')) throw new Error(`the ranking's tag says: ${tagText}`);
    await shot(page, 'evidence-ranking-disqualified');
    const afterEvent = await score(page, baseUrl);
    await page.waitForSelector('[data-test=scores-disqualified]');
    near(afterEvent, Math.max(0, expectMaterial - event.deduct), 'the total after the event');
    figures.push(`互贸区 ${afterMaterial} → ${afterEvent} after ${event.type} (−${event.deduct}, ${tagText})`);

    // 7. The period is closed; a late grade is refused with the message shown.
    await page.goto(`${baseUrl}/periods`);
    await page.waitForSelector(`[data-test=period-close-${PERIOD}]`);
    await settle(page);
    await page.click(`[data-test=period-close-${PERIOD}]`);
    await answer(page, 'POST', new RegExp(`^/api/periods/${PERIOD}/actions/close$`), 200, () =>
      page.click('.el-message-box .el-button--primary'),
    );
    await page.waitForSelector(`[data-test=period-reopen-${PERIOD}]`);
    await openMaterial(page, baseUrl);
    await page.click('[data-test=material-grade] label:has-text("A")');
    await answer(page, 'POST', /\/actions\/grade$/, 409, () => page.click('[data-test=material-grade-save]'));
    const closedText = await errorShown(page, '已关闭');
    if (!closedText.includes(PERIOD)) throw new Error(`the refusal does not name the period: ${closedText}`);
    await shot(page, 'evidence-late-grade-refused');
    figures.push(`late grade: 409 "${closedText}"; 互贸区 stays ${await score(page, baseUrl)}`);
    console.log(figures.map((line) => `# ${line}`).join('\n'));
  });
}
