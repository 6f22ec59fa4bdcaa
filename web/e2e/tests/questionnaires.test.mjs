// Questionnaires (问卷管理) in the browser against the demo city: the office builds a questionnaire through
// the builder (a unit, a respondent attribute, a question feeding 创建知晓率 A7.2.1 with the item's question
// code, a question shown only on one answer, a quota) and publishes it as version 1, and sees its public
// link and QR codes (one per unit); the quota board fills while answers arrive through the public API (no
// reload); a flagged answer (duplicate device) is reviewed and accepted with a reason; the results show
// 样本不足 for a unit below the minimum n; and one pass in English.

const SEARCH_UNIT = 'input[data-test=unit-search], [data-test=unit-search] input';
// An el-input's text box, whether the data-test lands on the box or on its wrapper.
const box = (test) =>
  `input[data-test=${test}], [data-test=${test}] input, textarea[data-test=${test}], [data-test=${test}] textarea`;

function uniqueCode(prefix) {
  return `${prefix}-${Date.now().toString(36).toUpperCase().slice(-5)}`;
}

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  // A JSON call from the signed-in page (cookie and CSRF token as the console sends them).
  async function apiCall(page, method, path, body) {
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

  // One public answer, sent from the test (no browser, no account), as the answering page sends it.
  async function answer(baseUrl, code, version, { unit, type, aware, device }) {
    const started = new Date(Date.now() - 120_000).toISOString();
    const r = await fetch(`${baseUrl}/api/public/questionnaires/${encodeURIComponent(code)}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(device ? { 'X-Device-Token': device } : {}) },
      body: JSON.stringify({
        version,
        client_id: crypto.randomUUID(),
        unit,
        attributes: { type },
        answers: { Q_AWARE: aware },
        started_at: started,
      }),
    });
    const body = await r.json().catch(() => null);
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`public answer refused: ${r.status} ${JSON.stringify(body)}`);
    return body;
  }

  async function pickOption(page, selectTest, text) {
    await page.click(`[data-test=${selectTest}]`);
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
  }

  test('questionnaires: the office builds one with a skip rule and a quota, publishes version 1, sees its QR codes', async ({
    session,
    baseUrl,
  }) => {
    const code = uniqueCode('E2E-QN');
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-questionnaires]');
    await page.waitForSelector('[data-test=questionnaire-list]');
    await settle(page);
    await shot(page, 'questionnaires-list');
    await page.click('[data-test=questionnaire-new]');
    await page.waitForSelector('[data-test=questionnaire-editor]');

    // 基本信息: code, title, the unit 海关街道.
    await page.fill(box('q-code'), code);
    await page.fill(box('q-title-zh'), '浏览器测试 创文知晓率');
    await page.fill(box('q-title-en'), 'Browser test awareness');
    await page.fill(box('q-intro-zh'), '请花一分钟回答。');
    await page.fill(SEARCH_UNIT, '海关街道');
    await page.locator('.el-autocomplete-suggestion li', { hasText: 'HM-S01' }).first().click();
    await page.click('[data-test=q-unit-add]');
    await page.waitForFunction(() => document.querySelector('[data-test=q-units]')?.textContent.includes('HM-S01'));

    // 受访者属性: 身份 (resident / merchant) after the fixed unit attribute.
    await page.click('#tab-attributes');
    await page.click('[data-test=attribute-add]');
    const attr = page.locator('[data-test=attribute-1]');
    await attr.locator(box('attribute-code')).fill('type');
    await attr.locator(box('attribute-text-zh')).fill('身份');
    const opts = attr.locator('[data-test=option-row]');
    await opts.nth(0).locator(box('option-code')).fill('resident');
    await opts.nth(0).locator(box('option-text-zh')).fill('居民');
    await opts.nth(1).locator(box('option-code')).fill('merchant');
    await opts.nth(1).locator(box('option-text-zh')).fill('商户');

    // 题目: Q_AWARE (single, feeds A7.2.1, takes the item's question code) and a text question shown only
    // when Q_AWARE is answered 知道.
    await page.click('#tab-questions');
    await page.click('[data-test=question-add]');
    const q1 = page.locator('[data-test=question-0]');
    await q1.locator(box('question-text-zh')).fill('您是否知道本市正在创建全国文明城市？');
    const q1opts = q1.locator('[data-test=option-row]');
    await q1opts.nth(0).locator(box('option-code')).fill('know');
    await q1opts.nth(0).locator(box('option-text-zh')).fill('知道');
    await q1opts.nth(1).locator(box('option-code')).fill('unknown');
    await q1opts.nth(1).locator(box('option-text-zh')).fill('不知道');
    await q1.locator('[data-test=question-items]').click();
    await page.keyboard.type('A7.2.1');
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'A7.2.1' }).first().click();
    await page.keyboard.press('Escape');
    await q1.locator('[data-test=question-item]').waitFor();
    expectEqual((await q1.locator('[data-test=item-question]').textContent()).trim(), 'Q_AWARE', "A7.2.1's question");
    await q1.locator('[data-test=item-use-code]').click();
    expectEqual(await q1.locator(box('question-code')).inputValue(), 'Q_AWARE', 'the question code');

    await page.click('[data-test=question-add]');
    const q2 = page.locator('[data-test=question-1]');
    await q2.locator('[data-test=type-text]').click();
    await q2.locator(box('question-text-zh')).fill('您从哪里知道的？');
    await q2.locator('[data-test=question-required]').click(); // optional
    await q2.locator('[data-test=question-show-if]').click();
    await q2.locator('[data-test=show-if-answers]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '知道' }).first().click();
    await page.keyboard.press('Escape');
    await shot(page, 'questionnaires-builder-questions');

    // 配额: 海关街道 × 居民, target 5.
    await page.click('#tab-quotas');
    await page.click('[data-test=quota-add]');
    await pickOption(page, 'quota-type', '居民');
    await page.fill(box('quota-target'), '5');
    await shot(page, 'questionnaires-builder-quotas');

    // Save, then publish: the confirmation names version 1.
    await page.click('[data-test=questionnaire-save]');
    await page.waitForURL((u) => u.pathname === `/questionnaires/${code}/edit`, { timeout: 10000 });
    await settle(page);
    await page.click('[data-test=questionnaire-publish]');
    const confirmBox = page.locator('.el-message-box');
    await confirmBox.waitFor();
    const confirmText = await confirmBox.textContent();
    if (!confirmText.includes('第 1 版'))
      throw new Error(`the publish confirmation reads ${JSON.stringify(confirmText)}`);
    await confirmBox.locator('.el-message-box__btns .el-button--primary').click();
    await page.waitForURL((u) => u.pathname === `/questionnaires/${code}`, { timeout: 10000 });
    await page.waitForSelector('[data-test=public-link]');
    await settle(page);
    expectEqual((await page.textContent('[data-test=detail-state]')).trim(), '已发布', 'state after publishing');
    expectEqual((await page.textContent('[data-test=detail-version]')).trim(), '已发布第 1 版', 'version');
    const link = `${baseUrl}/public/survey/${code}`;
    expectEqual((await page.textContent('[data-test=public-link]')).trim(), link, 'the public link');
    const qr = page.locator('[data-test=public-qr] canvas');
    expectEqual(await qr.getAttribute('data-text'), link, "the QR code's text");
    const size = await qr.evaluate((c) => c.width);
    if (size < 100) throw new Error(`the QR canvas is ${size} px wide`);
    const shown = await page.textContent('[data-test=detail-questions]');
    if (!shown.includes('仅当 Q_AWARE 回答为 知道 时显示')) throw new Error(`the skip rule is not shown: ${shown}`);

    // Per unit: 海关社区's link presets it, with its own QR code.
    await pickOption(page, 'qr-unit', '海关社区');
    await page.waitForSelector('[data-test=unit-link]');
    expectEqual((await page.textContent('[data-test=unit-link]')).trim(), `${link}?unit=HM-S01-C01`, "海关社区's link");
    expectEqual(
      await page.locator('[data-test=unit-qr] canvas').getAttribute('data-text'),
      `${link}?unit=HM-S01-C01`,
      "海关社区's QR text",
    );
    await shot(page, 'questionnaires-published-qr');

    // The list shows it published at version 1.
    await page.click('[data-test=menu-questionnaires]');
    await page.fill(box('questionnaire-search'), code);
    await page.press(box('questionnaire-search'), 'Enter');
    await page.waitForFunction(
      (c) => [...document.querySelectorAll('[data-test=questionnaire-code]')].some((e) => e.textContent.trim() === c),
      code,
    );
    const row = page.locator('[data-test=questionnaire-list] tr', { hasText: code });
    expectEqual((await row.locator('[data-test=questionnaire-state]').textContent()).trim(), '已发布', 'listed state');
  });

  test('questionnaires: the quota board fills live, a flagged answer is accepted with a reason, results show 样本不足', async ({
    session,
    baseUrl,
  }) => {
    const code = uniqueCode('E2E-QB');
    const page = await session.open();
    await signedInAs(page, 'office');
    const created = await apiCall(page, 'POST', '/questionnaires', {
      code,
      title: { 'zh-CN': '浏览器测试 配额与审核', en: 'Browser test quotas and review' },
      intro: { 'zh-CN': '' },
      units: ['HM-S01'],
      attributes: [
        { code: 'unit', kind: 'unit', text: { 'zh-CN': '您所在的社区' } },
        {
          code: 'type',
          kind: 'choice',
          text: { 'zh-CN': '身份' },
          required: true,
          options: [
            { code: 'resident', text: { 'zh-CN': '居民' } },
            { code: 'merchant', text: { 'zh-CN': '商户' } },
          ],
        },
      ],
      questions: [
        {
          code: 'Q_AWARE',
          type: 'single',
          text: { 'zh-CN': '您是否知道本市正在创建全国文明城市？' },
          options: [
            { code: 'know', text: { 'zh-CN': '知道' } },
            { code: 'unknown', text: { 'zh-CN': '不知道' } },
          ],
          required: true,
          show_if: null,
          items: ['A7.2.1'],
        },
      ],
      quotas: [{ stratum: { unit: 'HM-S01-C01', type: 'resident' }, target: 2 }],
      min_n: 30,
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await apiCall(page, 'POST', `/questionnaires/${code}/actions/publish`, {
      revision: created.body.revision,
    });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);

    // The board, then three residents of 海关社区 (target 2) and one merchant of 联检社区 from the first
    // resident's device: counted 2, over quota 1, flagged 1 — seen without a reload.
    await page.goto(`${baseUrl}/questionnaires/${code}/quotas`);
    await page.waitForSelector('[data-test=quota-table] [data-test=quota-counted]');
    await settle(page);
    expectEqual((await page.textContent('[data-test=quota-counted]')).trim(), '0', 'counted before answers');
    await page.evaluate(() => (window.__sameDocument = true));
    for (const device of ['e2e-dev-1', 'e2e-dev-2', 'e2e-dev-3'])
      await answer(baseUrl, code, 1, { unit: 'HM-S01-C01', type: 'resident', aware: 'know', device });
    await answer(baseUrl, code, 1, { unit: 'HM-S01-C02', type: 'merchant', aware: 'unknown', device: 'e2e-dev-1' });
    await page.waitForFunction(
      () => document.querySelector('[data-test=quota-counted]')?.textContent.trim() === '2',
      undefined,
      { timeout: 15000 },
    );
    expectEqual((await page.textContent('[data-test=quota-over]')).trim(), '1', 'over quota');
    if (!(await page.evaluate(() => window.__sameDocument === true))) throw new Error('the board reloaded the page');
    await shot(page, 'questionnaires-quota-board');

    // 答卷审核: the flagged answer, its answers in words, accepted with a reason (required).
    await page.goto(`${baseUrl}/questionnaires/${code}/responses?status=flagged`);
    await page.waitForSelector('[data-test=response-list] [data-test=response-flag]');
    await settle(page);
    expectEqual(
      await page.$$eval('[data-test=response-list] [data-test=response-flag]', (els) =>
        els.map((e) => e.textContent.trim()),
      ),
      ['同一设备重复'],
      'the flags listed',
    );
    await page.click('[data-test=response-list] tbody tr:first-child td:nth-child(3)');
    await page.waitForSelector('[data-test=response-drawer] [data-test=drawer-answer]');
    const words = await page.textContent('[data-test=response-drawer]');
    for (const w of ['您是否知道本市正在创建全国文明城市？', '不知道', '商户'])
      if (!words.includes(w)) throw new Error(`the drawer lacks ${w}: ${words}`);
    await settle(page);
    await shot(page, 'questionnaires-response-drawer');
    await page.click('[data-test=drawer-accept]');
    await page.waitForSelector('[data-test=decision-dialog] [data-test=decision-reason]');
    await page.click('[data-test=decision-confirm]');
    await page.waitForSelector('[data-test=decision-dialog] .el-form-item__error');
    await page.fill(box('decision-reason'), '商户与居民共用一台手机，核实为两人作答');
    await page.click('[data-test=decision-confirm]');
    await page.waitForFunction(
      () => !document.querySelector('[data-test=response-list] [data-test=response-flag]'),
      undefined,
      {
        timeout: 10000,
      },
    );
    const counted = await apiCall(page, 'GET', `/questionnaires/${code}/responses?status=counted`);
    expectEqual(counted.body?.total, 3, 'counted responses after the review');
    const accepted = counted.body.items.find((r) => r.unit === 'HM-S01-C02');
    expectEqual(accepted?.review?.decision, 'accept', 'the review kept');

    // 调查结果 at 海关街道: n = 3 (the over-quota answer is not counted), below the minimum n of 30.
    await page.goto(`${baseUrl}/questionnaires/${code}/results`);
    await page.waitForSelector('[data-test=results-table]');
    await page.fill(SEARCH_UNIT, '海关街道');
    await page.locator('.el-autocomplete-suggestion li', { hasText: 'HM-S01' }).first().click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-test=results-table] tbody tr')].some((tr) =>
        tr.textContent.includes('海关社区'),
      ),
    );
    await settle(page);
    const first = page.locator('[data-test=results-table] tbody tr').first();
    const cells = (await first.locator('td').allTextContents()).map((x) => x.trim());
    expectEqual(cells[1], '3', 'n at 海关街道');
    expectEqual(cells[2], '2', 'k at 海关街道');
    if (!cells[0].includes('样本不足')) throw new Error(`海关街道's row lacks 样本不足: ${cells[0]}`);
    if (!(await page.$('[data-test=results-chart] canvas'))) throw new Error('no results chart');
    await shot(page, 'questionnaires-results');

    // One pass in English: the results page speaks English.
    await page.click('[data-test=lang-switch]');
    await page.click('[data-test=lang-en]');
    await page.waitForFunction(() =>
      document.querySelector('[data-test=results-table]')?.textContent.includes('Sample too small'),
    );
    const head = await page.textContent('[data-test=results-table] thead');
    for (const w of ['Unweighted', 'Weighted', 'Wilson 95% interval'])
      if (!head.includes(w)) throw new Error(`the English results lack ${w}: ${head}`);
    await shot(page, 'questionnaires-results-en');
  });
  test('questionnaires: the office assigns inspector2 to 海关社区 with a quota, changes it, and inspector2 sees it on /surveys', async ({
    session,
    baseUrl,
  }) => {
    const code = uniqueCode('E2E-AS');
    let page = await session.open();
    await signedInAs(page, 'office');
    const created = await apiCall(page, 'POST', '/questionnaires', {
      code,
      title: { 'zh-CN': '浏览器测试 调查员分配', en: 'Browser test assignments' },
      intro: { 'zh-CN': '' },
      units: ['HM-S01'],
      attributes: [{ code: 'unit', kind: 'unit', text: { 'zh-CN': '您所在的社区' } }],
      questions: [
        {
          code: 'Q_AWARE',
          type: 'single',
          text: { 'zh-CN': '您是否知道本市正在创建全国文明城市？' },
          options: [
            { code: 'know', text: { 'zh-CN': '知道' } },
            { code: 'unknown', text: { 'zh-CN': '不知道' } },
          ],
          required: true,
          show_if: null,
          items: [],
        },
      ],
      quotas: [],
      min_n: 30,
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await apiCall(page, 'POST', `/questionnaires/${code}/actions/publish`, {
      revision: created.body.revision,
    });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);

    // From the questionnaire's page to its assignments: none yet.
    await page.goto(`${baseUrl}/questionnaires/${code}`);
    await page.click('[data-test=detail-assignments]');
    await page.waitForSelector('[data-test=assignments] [data-test=assignment-table]');
    await settle(page);
    expectEqual(await page.locator('[data-test=assignment-interviewer]').count(), 0, 'assignments before');

    // Add: inspector2 (测评员二), 海关社区, 入户, 12 answers.
    await page.click('[data-test=assignment-add]');
    await page.waitForSelector('[data-test=assignment-dialog] [data-test=assignment-save]');
    await pickOption(page, 'assignment-interviewer-select', 'inspector2');
    await pickOption(page, 'assignment-unit-select', 'HM-S01-C01');
    await page.click('[data-test=assignment-mode-household]');
    await page.fill('[data-test=assignment-target-input] input', '12');
    await page.click('[data-test=assignment-save]');
    await page.waitForSelector('[data-test=assignment-interviewer]');
    await settle(page);
    expectEqual((await page.textContent('[data-test=assignment-interviewer]')).trim(), '测评员二', 'the interviewer');
    expectEqual((await page.textContent('[data-test=assignment-unit]')).trim(), '海关社区', 'the unit');
    expectEqual((await page.textContent('[data-test=assignment-mode]')).trim(), '入户', 'the mode');
    expectEqual((await page.textContent('[data-test=assignment-done]')).trim(), '0/12', 'done of target');
    await shot(page, 'questionnaires-assignments');
    const listed = await apiCall(page, 'GET', `/questionnaires/${code}/assignments`);
    const rows = Array.isArray(listed.body) ? listed.body : listed.body.items;
    expectEqual(
      rows.map((a) => [a.interviewer, a.unit, a.mode, a.target]),
      [['inspector2', 'HM-S01-C01', 'household', 12]],
      'the stored assignment',
    );
    const id = rows[0].id;

    // Change the target to 15; the list shows it.
    await page.click(`[data-test=assignment-edit-${id}]`);
    await page.waitForSelector('[data-test=assignment-dialog] [data-test=assignment-save]');
    await page.fill('[data-test=assignment-target-input] input', '15');
    await page.click('[data-test=assignment-save]');
    await page.waitForFunction(
      () => document.querySelector('[data-test=assignment-done]')?.textContent?.trim() === '0/15',
    );
    expectEqual((await page.textContent('[data-test=assignment-target]')).trim(), '15', 'the changed target');
    await session.close();

    // inspector2 finds it among the survey tasks on the phone page.
    page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signedInAs(page, 'inspector2');
    await page.goto(`${baseUrl}/surveys`);
    const card = page.locator(`[data-test=survey-assignment-${id}]`);
    await card.waitFor();
    await settle(page);
    expectEqual(
      (await card.locator('[data-test=assignment-progress]').textContent()).trim(),
      '0/15',
      'the task progress',
    );
    expectEqual((await card.locator('.el-tag').first().textContent()).trim(), '入户', 'the task mode');
    await shot(page, 'questionnaires-assignment-on-surveys');
  });
}
