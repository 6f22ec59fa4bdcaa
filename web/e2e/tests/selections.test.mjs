// Selections (评选, issue 16) in the browser: the office creates a 文明家庭 selection with its criteria in the
// console; 互贸区's officer nominates a family of 海关社区; 海关街道 (the superior unit) reviews it; a panel
// reviewer of the city (an ancestor of the candidate's unit) is refused in Chinese, two reviewers from 东城区
// score and the mean shows; the office starts the 公示, a stale 初审通过 on a second family is refused naming its
// stage in Chinese, and that family is withdrawn with a reason; a member of the public lodges an objection on the
// public page at 390 px; approving is refused while the objection is open, with the reason in Chinese; the office
// dismisses it, and approving is then refused because the notice (at least one day) has not ended — the server
// has no clock to move, so naming waits for a later day and the flow stops there. The honour roll page at
// 390 px shows what GET /api/public/honour-roll gives, filtered by kind.

// An el-input's text box, whether the data-test lands on the box or on its wrapper.
const box = (test) =>
  `input[data-test=${test}], [data-test=${test}] input, textarea[data-test=${test}], [data-test=${test}] textarea`;

// An el-input-number's text box.
const numberBox = (test) => `input[data-test=${test}], [data-test=${test}] input`;

const FAMILY = `王建国家庭${Date.now() % 10000}`;
const PHONE = '13912345678';

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  // A JSON call from the signed-in page (cookie and CSRF token as the console sends them).
  async function call(page, method, path, body) {
    return page.evaluate(
      async ([m, p, b]) => {
        const r = await fetch(`/api${p}`, {
          method: m,
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' },
          body: b === null ? undefined : JSON.stringify(b),
        });
        return { status: r.status, body: await r.json().catch(() => null) };
      },
      [method, path, body ?? null],
    );
  }

  async function signOut(page, baseUrl) {
    await call(page, 'POST', '/auth/logout', {});
    await page.goto(`${baseUrl}/login`);
    await page.waitForSelector('[data-test=login-submit]');
  }

  // Signs in as `user` and opens the candidate `candidate` of selection `code` in its drawer.
  async function openCandidate(page, baseUrl, user, code, candidate) {
    await signedInAs(page, user);
    await page.goto(`${baseUrl}/selections/${code}`);
    await page.click(`[data-test=candidate-${candidate}]`);
    await page.waitForSelector('[data-test=candidate-drawer] [data-test=candidate-stage]', { timeout: 10000 });
    await settle(page);
  }

  const stageIs = (page, text) =>
    page.waitForFunction(
      (want) =>
        document.querySelector('[data-test=candidate-drawer] [data-test=candidate-stage]')?.textContent.trim() === want,
      text,
      { timeout: 10000 },
    );

  const problemSays = (page, text) =>
    page.waitForFunction(
      (want) => document.querySelector('[data-test=candidate-problem]')?.textContent.includes(want),
      text,
      { timeout: 10000 },
    );

  async function confirmBox(page) {
    await page.locator('.el-message-box .el-button--primary').click();
    await page.locator('.el-message-box').waitFor({ state: 'hidden', timeout: 10000 });
  }

  async function scoreSheet(page, points) {
    for (const [criterion, p] of Object.entries(points)) {
      await page.fill(numberBox(`score-${criterion}`), String(p));
      await page.keyboard.press('Tab');
    }
    await page.click('[data-test=score-submit]');
  }

  test('评选: a 文明家庭 runs from the console to the 公示, an objection at 390 px blocks approval in Chinese', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    session.expectRefusal('POST', 403, /^\/api\/selection-candidates\/[^/]+\/actions\/score$/);
    session.expectRefusal('POST', 409, /^\/api\/selection-candidates\/[^/]+\/actions\/(approve|review)$/);

    // The panel: the demo's inspectors sit at the city, above every candidate, so two of them are moved to
    // 东城区 by the system admin (a reviewer may not score a candidate of their own unit or one below it).
    await signedInAs(page, 'admin');
    for (const user of ['inspector2', 'inspector3']) {
      const one = await call(page, 'GET', `/users/${user}`);
      const moved = await call(page, 'PUT', `/users/${user}`, { version: one.body?.version ?? 1, unit_code: 'DC' });
      if (moved.status !== 200) throw new Error(`moving ${user} to 东城区: ${JSON.stringify(moved)}`);
    }
    await signOut(page, baseUrl);

    // The office creates the selection: two criteria in the editable table, a one-day notice.
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-selections]');
    await page.waitForSelector('[data-test=selections]');
    await page.click('[data-test=selection-new]');
    await page.waitForSelector('[data-test=selection-dialog] [data-test=selection-save]');
    const title = `2026年度文明家庭评选 e2e${Date.now() % 100000}`;
    await page.fill(box('selection-title'), title);
    await page.fill(box('selection-period'), '2026');
    await page.fill(box('criterion-text-0'), '家风家教：尊老爱幼、勤俭持家');
    await page.fill(numberBox('criterion-points-0'), '40');
    await page.keyboard.press('Tab');
    await page.click('[data-test=criterion-add]');
    await page.fill(box('criterion-text-1'), '热心公益：邻里互助、参加志愿服务');
    await page.fill(numberBox('criterion-points-1'), '60');
    await page.keyboard.press('Tab');
    await page.fill(numberBox('selection-notice-days'), '1');
    await page.keyboard.press('Tab');
    expectEqual((await page.textContent('[data-test=criteria-total]')).trim(), '满分 100 分', 'the criteria total');
    await shot(page, 'selection-create');
    await page.click('[data-test=selection-save]');
    await page.waitForURL((u) => /^\/selections\/[^/]+$/.test(u.pathname), { timeout: 10000 });
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.waitForSelector('[data-test=selection-title]');
    expectEqual((await page.textContent('[data-test=selection-title]')).trim(), title, 'the selection page title');
    const made = await call(page, 'GET', `/selections/${code}`);
    expectEqual(
      made.body.criteria.map((c) => [c.code, c.max_points]),
      [
        ['c1', 40],
        ['c2', 60],
      ],
      'the criteria saved',
    );
    expectEqual([made.body.kind, made.body.notice_days], ['civilized_family', 1], 'kind and notice days');
    // The list finds it under 文明家庭 and not under 文明单位.
    await page.click('[data-test=menu-selections]');
    await page.click('[data-test=selections-kind]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '文明家庭' }).click();
    await page.waitForSelector(`[data-test=selection-${code}]`, { timeout: 10000 });
    await page.click('[data-test=selections-kind]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '文明单位' }).click();
    await page.waitForSelector(`[data-test=selection-${code}]`, { state: 'detached', timeout: 10000 });
    await signOut(page, baseUrl);

    // 互贸区's officer nominates a family of 海关社区 with its materials; a unit officer is offered no office step.
    await signedInAs(page, 'huimao');
    await page.click('[data-test=menu-selections]');
    await page.click(`[data-test=selection-${code}]`);
    await page.click('[data-test=candidate-new]');
    await page.fill(box('nominate-name'), FAMILY);
    await page.fill(
      '[data-test=nominate-unit] [data-test=unit-search] input, [data-test=nominate-unit] input[data-test=unit-search]',
      '海关社区',
    );
    await page.locator('.el-autocomplete-suggestion li', { hasText: '海关社区' }).first().click();
    await page.fill(box('nominate-materials'), '三代同堂，孝老爱亲；常年参加社区志愿服务。');
    await page.click('[data-test=nominate-save]');
    await page.waitForSelector('[data-test=candidate-drawer] [data-test=candidate-stage]', { timeout: 10000 });
    await stageIs(page, '已申报');
    const listed = await call(page, 'GET', `/selections/${code}`);
    const candidate = listed.body.candidates.find((c) => c.name === FAMILY);
    if (!candidate || candidate.unit_name !== '海关社区')
      throw new Error(`the candidate: ${JSON.stringify(candidate)}`);
    for (const step of ['start-notice', 'approve', 'name', 'withdraw']) {
      if (await page.locator(`[data-test=candidate-${step}]`).count()) throw new Error(`huimao is offered ${step}`);
    }
    await shot(page, 'selection-nominated');
    // A second family, which the office withdraws later.
    await page.keyboard.press('Escape');
    await page.locator('[data-test=candidate-drawer]').waitFor({ state: 'hidden', timeout: 10000 });
    await page.click('[data-test=candidate-new]');
    await page.fill(box('nominate-name'), `${FAMILY}二`);
    await page.fill(
      '[data-test=nominate-unit] [data-test=unit-search] input, [data-test=nominate-unit] input[data-test=unit-search]',
      '海关社区',
    );
    await page.locator('.el-autocomplete-suggestion li:visible', { hasText: '海关社区' }).first().click();
    await page.click('[data-test=nominate-save]');
    await page.waitForSelector('[data-test=candidate-drawer] [data-test=candidate-stage]', { timeout: 10000 });
    const second = (await call(page, 'GET', `/selections/${code}`)).body.candidates.find(
      (c) => c.name === `${FAMILY}二`,
    );
    if (!second) throw new Error('the second family is not listed');
    await signOut(page, baseUrl);

    // 海关街道, the unit above 海关社区, passes the preliminary review.
    await openCandidate(page, baseUrl, 'jiedao', code, candidate.code);
    await page.click('[data-test=candidate-review]');
    await confirmBox(page);
    await stageIs(page, '已初审');
    await signOut(page, baseUrl);

    // A reviewer of the city, above the candidate's unit, is refused, and the drawer says why in Chinese.
    await openCandidate(page, baseUrl, 'inspector1', code, candidate.code);
    await scoreSheet(page, { c1: 30, c2: 50 });
    await problemSays(page, '评审人员不能为本单位或下级单位');
    await shot(page, 'selection-score-refused');
    await signOut(page, baseUrl);

    // Two reviewers of 东城区 score: 80 and 90, a mean of 85; the second sheet of one replaces the first.
    await openCandidate(page, baseUrl, 'inspector2', code, candidate.code);
    await scoreSheet(page, { c1: 30, c2: 50 });
    await stageIs(page, '已评分');
    await page.locator('[data-test=candidate-events]', { hasText: /已评分 · inspector2\s*（合计 80）/ }).waitFor({
      timeout: 10000,
    });
    await page.waitForFunction(() => document.querySelector('[data-test=candidate-mean]')?.textContent.trim() === '80');
    await signOut(page, baseUrl);
    await openCandidate(page, baseUrl, 'inspector3', code, candidate.code);
    await scoreSheet(page, { c1: 36, c2: 50 });
    await page.waitForFunction(() => document.querySelector('[data-test=candidate-mean]')?.textContent.trim() === '83');
    // Their own sheet comes back filled in; sent again (36 + 54 = 90) it replaces the first: (80 + 90) / 2.
    expectEqual(await page.inputValue(numberBox('score-c1')), '36.0', 'the reviewer’s own sheet, prefilled');
    await scoreSheet(page, { c2: 54 });
    await page.waitForFunction(() => document.querySelector('[data-test=candidate-mean]')?.textContent.trim() === '85');
    expectEqual(await page.locator('[data-test=score-sheets] .el-table__body tr').count(), 2, 'score sheets');
    await shot(page, 'selection-scored');
    await signOut(page, baseUrl);

    // The office starts the public notice.
    await openCandidate(page, baseUrl, 'office', code, candidate.code);
    await page.click('[data-test=candidate-start-notice]');
    await confirmBox(page);
    await stageIs(page, '公示中');
    // The second family is withdrawn with a reason; the reason stays with it.
    await page.keyboard.press('Escape');
    await page.locator('[data-test=candidate-drawer]').waitFor({ state: 'hidden', timeout: 10000 });
    await page.click(`[data-test=candidate-${second.code}]`);
    await stageIs(page, '已申报');
    // A stale view: another office user reviews it meanwhile; 初审通过 here is then refused (409
    // selection.stage), the drawer names the stage in Chinese and shows where the candidate stands now.
    const reviewed = await call(page, 'POST', `/selection-candidates/${second.code}/actions/review`, {});
    if (reviewed.status !== 200) throw new Error(`the office's review: ${JSON.stringify(reviewed)}`);
    await page.click('[data-test=candidate-review]');
    await confirmBox(page);
    await problemSays(page, '候选对象当前处于“已初审”阶段，不能跳过或回退环节');
    await stageIs(page, '已初审');
    await page.click('[data-test=candidate-withdraw]');
    await page.fill('.el-message-box textarea', '本人申请退出评选');
    await confirmBox(page);
    await stageIs(page, '已撤销');
    await page.getByText('本人申请退出评选').first().waitFor({ timeout: 10000 });
    await signOut(page, baseUrl);

    // A member of the public, no account, on a phone: the notice lists the family, the objection goes in.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/selections/${code}/notice`);
    await page.waitForSelector(`[data-test=notice-${candidate.code}]`, { timeout: 10000 });
    const card = (await page.textContent(`[data-test=notice-${candidate.code}]`)).trim();
    if (!card.includes(FAMILY) || !card.includes('评审得分：85')) throw new Error(`the notice card says: ${card}`);
    await page.click(`[data-test=object-${candidate.code}]`);
    await page.fill(box('objection-text'), '该家庭去年曾因邻里纠纷被调解，建议核实。');
    await page.fill(box('objection-name'), '李女士');
    await page.fill(box('objection-phone'), '1391234');
    await page.click('[data-test=objection-submit]');
    await page.getByText('手机号应为以 1 开头的 11 位数字').waitFor({ timeout: 10000 });
    await page.fill(box('objection-phone'), PHONE);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the notice page is ${width}px wide on a 390px screen`);
    await shot(page, 'selection-notice-phone');
    await page.click('[data-test=objection-submit]');
    await page.waitForSelector('[data-test=objection-done]', { timeout: 10000 });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Approval is refused while the objection is open; the drawer says so in Chinese.
    await page.goto(`${baseUrl}/login`);
    await openCandidate(page, baseUrl, 'office', code, candidate.code);
    expectEqual(
      (await page.textContent(`[data-test=candidate-objections-${candidate.code}]`)).trim(),
      '1',
      'open objections',
    );
    const objection = page.locator('[data-test^=objection-]', { hasText: '李女士' }).first();
    const shown = (await objection.textContent()).trim();
    if (shown.includes(PHONE) || !shown.includes('139****5678')) throw new Error(`the objection shows: ${shown}`);
    await page.click('[data-test=candidate-approve]');
    await confirmBox(page);
    await problemSays(page, '尚有 1 条异议未处理，处理后方可审定');
    await stageIs(page, '公示中');
    await shot(page, 'selection-approve-refused');

    // The office dismisses the objection with a note; approving then waits for the end of the notice.
    await page.locator('[data-test^=objection-dismiss-]').first().click();
    await page.fill('.el-message-box textarea', '经社区核实，纠纷已调解且当事双方和好，不影响评选。');
    await confirmBox(page);
    await page.locator('[data-test^=objection-state-]', { hasText: '不予采纳' }).waitFor({ timeout: 10000 });
    await page.getByText('经社区核实，纠纷已调解').waitFor({ timeout: 10000 });
    await page.click('[data-test=candidate-approve]');
    await confirmBox(page);
    await problemSays(page, '公示期尚未结束');
    await stageIs(page, '公示中');
    const after = await call(page, 'GET', `/selection-candidates/${candidate.code}`);
    expectEqual(
      [after.body.stage, after.body.open_objections, after.body.events.map((e) => e.to)],
      ['in_notice', 0, ['nominated', 'reviewed', 'scored', 'in_notice']],
      'the candidate after the refusals',
    );
    await shot(page, 'selection-notice-not-ended');
  });

  test('评选: the public honour roll at 390 px shows the named titles the API gives, by kind', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    const roll = async (kind) =>
      (await (await fetch(`${baseUrl}/api/public/honour-roll${kind ? `?kind=${kind}` : ''}`)).json()).map(
        (c) => c.code,
      );
    const shownCodes = () =>
      page.$$eval('[data-test^=honour-]', (els) =>
        els
          .map((e) => e.getAttribute('data-test'))
          .filter((d) => !['honour-roll', 'honour-list', 'honour-kind', 'honour-none'].includes(d))
          .map((d) => d.replace(/^honour-/, '')),
      );
    await page.goto(`${baseUrl}/public/honour-roll`);
    await page.waitForSelector('[data-test=honour-roll]');
    await settle(page);
    const all = await roll('');
    expectEqual(await shownCodes(), all, 'the titles shown');
    if (!all.length) await page.getByText('暂无命名的称号').waitFor({ timeout: 5000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the honour roll is ${width}px wide on a 390px screen`);
    await shot(page, 'honour-roll-phone');
    // One kind: the address keeps it, the cards are the API's for that kind.
    await page.click('[data-test=honour-kind]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '文明单位' }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'civilized_unit', { timeout: 10000 });
    await settle(page);
    expectEqual(await shownCodes(), await roll('civilized_unit'), 'the 文明单位 titles shown');
    // The public frame offers the honour roll as a tab.
    await page.waitForSelector('[data-test=public-nav-honour-roll]');
  });

  test('评选 in English: the list, the create dialog and the honour roll read in English', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await page.evaluate(() => localStorage.setItem('civic.locale', 'en'));
    await page.reload();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-selections]');
    await page.waitForSelector('[data-test=selections]');
    expectEqual((await page.textContent('[data-test=selection-new]')).trim(), 'New selection', 'the create button');
    await page.click('[data-test=selection-new]');
    await page.waitForSelector('[data-test=selection-dialog] [data-test=selection-save]');
    const dialog = await page.textContent('[data-test=selection-dialog]');
    for (const words of ['Criteria', 'Add a criterion', 'Notice days', 'Term (years)', 'Civilized family']) {
      if (!dialog.includes(words)) throw new Error(`the English dialog lacks "${words}": ${dialog}`);
    }
    if (/[\u4e00-\u9fff]/.test(dialog)) throw new Error(`Chinese in the English dialog: ${dialog}`);
    await page.goto(`${baseUrl}/public/honour-roll`);
    await page.waitForSelector('[data-test=honour-roll]');
    await page.getByText('Titles named after selection, public notice and approval.').waitFor({ timeout: 10000 });
  });
}
