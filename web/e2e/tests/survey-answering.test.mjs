// Answering questionnaires in the browser (docs/questionnaires.md, "答题"): a resident answers a published
// questionnaire at 390 px from its QR link (/public/survey/CODE?unit=<海关社区>) — the unit preset and locked,
// a skip rule live, a required answer refused in Chinese (and in English after the switch), the thank-you page;
// the office then finds that one response stored with that unit, and a replay of the same submission stores
// nothing more. An interviewer (inspector1) goes offline, submits, sees 待上传 1, comes back online and the
// answer is sent once. A closed questionnaire says 调查已结束. Each run makes and publishes its own
// questionnaire through the API (a unique code), so it does not depend on the demo's.

const HAIGUAN = 'HM-S01-C01'; // 海关社区, 海关街道 (HM-S01), 互贸区 (HM)

const zh = (zhText, enText) => ({ 'zh-CN': zhText, en: enText });

function definition(code) {
  return {
    code,
    title: zh('浏览器测试：社区文明创建调查', 'Browser test: community campaign survey'),
    intro: zh('感谢参与，本问卷约需 1 分钟。', 'Thank you; this takes about a minute.'),
    units: ['HM'],
    attributes: [
      { code: 'unit', kind: 'unit', text: zh('您居住的社区', 'Your community') },
      {
        code: 'type',
        kind: 'choice',
        required: true,
        text: zh('您的身份', 'You are'),
        options: [
          { code: 'resident', text: zh('居民', 'Resident') },
          { code: 'merchant', text: zh('商户', 'Merchant') },
          { code: 'visitor', text: zh('游客', 'Visitor') },
        ],
      },
    ],
    questions: [
      {
        code: 'Q_AWARE',
        type: 'single',
        required: true,
        text: zh('您是否知道本市正在创建全国文明城市？', 'Do you know the city is running the campaign?'),
        options: [
          { code: 'know', text: zh('知道', 'Yes') },
          { code: 'heard', text: zh('听说过', 'Heard of it') },
          { code: 'unknown', text: zh('不知道', 'No') },
        ],
        show_if: null,
        items: [],
      },
      {
        code: 'Q_CHANNELS',
        type: 'multiple',
        required: true,
        text: zh('您从哪些渠道了解到？', 'Where did you hear of it?'),
        options: [
          { code: 'tv', text: zh('电视', 'TV') },
          { code: 'web', text: zh('网络', 'Internet') },
          { code: 'poster', text: zh('公益广告', 'Posters') },
        ],
        show_if: { question: 'Q_AWARE', answers: ['know', 'heard'] },
        items: [],
      },
      {
        code: 'Q_SCORE',
        type: 'scale5',
        required: true,
        text: zh('您对社区环境卫生的满意程度', 'How satisfied are you with the cleanliness?'),
        show_if: null,
        items: [],
      },
      {
        code: 'Q_SUPPORT',
        type: 'yesno',
        required: false,
        text: zh('您是否支持创建工作？', 'Do you support the campaign?'),
        show_if: null,
        items: [],
      },
      {
        code: 'Q_NOTE',
        type: 'text',
        required: false,
        text: zh('您的意见和建议', 'Your suggestions'),
        show_if: null,
        items: [],
      },
    ],
    quotas: [],
    min_n: 30,
  };
}

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  async function api(page, method, path, body) {
    return page.evaluate(
      async ({ m, p, b }) => {
        const headers = { Accept: 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' };
        if (b !== undefined) headers['Content-Type'] = 'application/json';
        const res = await fetch(`/api${p}`, {
          method: m,
          headers,
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        const text = await res.text();
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        return { status: res.status, body: json, text };
      },
      { m: method, p: path, b: body },
    );
  }
  async function must(page, method, path, body, want = [200, 201]) {
    const res = await api(page, method, path, body);
    if (!want.includes(res.status)) throw new Error(`${method} /api${path}: HTTP ${res.status} ${res.text}`);
    return res.body;
  }

  // Signed in as office: a new questionnaire, published; returns its code.
  async function publishedQuestionnaire(page, prefix) {
    const code = `${prefix}-${Date.now().toString(36).toUpperCase()}`;
    const draft = await must(page, 'POST', '/questionnaires', definition(code), [201]);
    await must(page, 'POST', `/questionnaires/${code}/actions/publish`, { revision: draft.revision });
    return code;
  }

  async function responsesOf(page, code) {
    const list = await must(page, 'GET', `/questionnaires/${code}/responses?page_size=100`);
    return list.items ?? [];
  }

  async function noHorizontalScroll(page, what) {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    const vw = page.viewportSize().width;
    if (w > vw) throw new Error(`${what}: the page is ${w}px wide on a ${vw}px screen`);
  }

  async function visible(page, selector) {
    return page.locator(selector).isVisible();
  }

  test('survey answering: a resident answers from the QR link at 390 px; stored once with the unit', async ({
    session,
    baseUrl,
  }) => {
    let page = await session.open();
    await signedInAs(page, 'office');
    const code = await publishedQuestionnaire(page, 'E2E-QR');
    await session.close();

    // The resident: no account, a phone.
    page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/survey/${code}?unit=${HAIGUAN}`);
    await page.waitForSelector('[data-test=survey-intro]');
    await shot(page, 'survey-public-intro');
    await page.click('[data-test=survey-start]');
    await page.waitForSelector('[data-test=survey-form]');
    await settle(page);
    await noHorizontalScroll(page, 'public survey');

    // The QR code's unit: 互贸区 → 海关街道 → 海关社区, fixed.
    const community = page.locator('[data-test=unit-level-2]');
    expectEqual(await community.getAttribute('data-value'), HAIGUAN, 'the preset community');
    expectEqual((await community.textContent()).trim(), '海关社区', 'the preset community shown');
    if (await page.locator('[data-test=unit-cascade] select').count()) {
      throw new Error('the preset unit can still be changed');
    }
    expectEqual((await page.textContent('[data-test=survey-progress]')).trim(), '已答 0/4', 'progress at start');

    // Touch targets: the scale buttons and choice rows are at least 44 px high.
    for (const sel of [
      '[data-test=answer-Q_SCORE-3]',
      '[data-test=answer-Q_AWARE-know]',
      '[data-test=survey-submit]',
    ]) {
      const box = await page.locator(sel).boundingBox();
      if (!box || box.height < 44) throw new Error(`${sel} is ${box?.height}px high (< 44)`);
    }

    // Skip rule: 渠道 shows only for 知道/听说过, live.
    if (await visible(page, '[data-test=question-Q_CHANNELS]')) throw new Error('Q_CHANNELS shown before Q_AWARE');
    await page.click('[data-test=answer-Q_AWARE-know]');
    await page.waitForSelector('[data-test=question-Q_CHANNELS]');
    await page.click('[data-test=answer-Q_CHANNELS-tv]');
    expectEqual((await page.textContent('[data-test=survey-progress]')).trim(), '已答 2/5', 'progress with Q_CHANNELS');

    // Required answers missing: refused on the page, in Chinese, at the first problem.
    await page.click('[data-test=survey-submit]');
    await page.waitForSelector('[data-test=error-attr-type]');
    expectEqual((await page.textContent('[data-test=error-Q_SCORE]')).trim(), '此题为必答题', 'required message');
    await shot(page, 'survey-public-required');
    await page.click('[data-test=public-lang]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-test=error-Q_SCORE]')?.textContent?.trim() === 'This question must be answered',
    );
    await page.click('[data-test=public-lang]');
    await page.waitForFunction(
      () => document.querySelector('[data-test=error-Q_SCORE]')?.textContent?.trim() === '此题为必答题',
    );

    // Answer; then 不知道 hides 渠道 again — its answer must not be sent (the server would refuse it).
    await page.click('[data-test=attr-type-resident]');
    await page.click('[data-test=answer-Q_SCORE-4]');
    await page.click('[data-test=answer-Q_SUPPORT-yes]');
    await page.fill('[data-test=answer-Q_NOTE]', '希望多设垃圾分类点');
    expectEqual((await page.textContent('[data-test=counter-Q_NOTE]')).trim(), '9/500', 'text counter');
    await page.click('[data-test=answer-Q_AWARE-unknown]');
    await page.waitForSelector('[data-test=question-Q_CHANNELS]', { state: 'detached' });
    if (await page.locator('[data-test^=error-]').count()) throw new Error('problems still shown after answering');

    // A refusal the server names (an answer outside the scale, forced into the request): shown on its card.
    session.expectRefusal('POST', 400, new RegExp(`^/api/public/questionnaires/${code}/responses$`));
    const responsesUrl = `**/api/public/questionnaires/${code}/responses`;
    await page.route(responsesUrl, (route) => {
      const body = route.request().postDataJSON();
      body.answers.Q_SCORE = '7';
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.click('[data-test=survey-submit]');
    await page.waitForSelector('[data-test=error-Q_SCORE]');
    await page.unroute(responsesUrl);
    if (!(await page.locator('[data-test=question-Q_SCORE]').evaluate((e) => e.classList.contains('bad')))) {
      throw new Error('the refused question is not marked');
    }
    await shot(page, 'survey-public-server-refusal');

    // The network fails: the answers stay, with 重试.
    await session.context.setOffline(true);
    try {
      await page.click('[data-test=survey-submit]');
      await page.waitForSelector('[data-test=survey-retry]');
      expectEqual(
        (await page.textContent('[data-test=survey-problem] span')).trim(),
        '网络连接失败，答卷已保留在本页，请检查网络后重试',
        'the network message',
      );
    } finally {
      await session.context.setOffline(false);
    }

    // Back online, a double tap: one answer stored.
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().includes(`/api/public/questionnaires/${code}/responses`),
    );
    await page.dblclick('[data-test=survey-submit]');
    const request = await posted;
    await page.waitForSelector('[data-test=survey-thanks]', { timeout: 15000 });
    await shot(page, 'survey-public-thanks');
    const sent = request.postDataJSON();
    const token = request.headers()['x-device-token'];
    if (!token) throw new Error('no X-Device-Token sent');
    if ('Q_CHANNELS' in sent.answers) throw new Error('the hidden question was sent');
    if (!sent.started_at) throw new Error('no started_at sent');

    // The same submission again (a retry after a lost answer): the server keeps one.
    const replay = await page.evaluate(
      async ({ c, b, tk }) => {
        const res = await fetch(`/api/public/questionnaires/${c}/responses`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Device-Token': tk },
          body: JSON.stringify(b),
        });
        return res.status;
      },
      { c: code, b: sent, tk: token },
    );
    expectEqual(replay, 200, 'the replayed submission');
    await session.close();

    page = await session.open();
    await signedInAs(page, 'office');
    const stored = await responsesOf(page, code);
    expectEqual(stored.length, 1, 'responses stored');
    expectEqual(stored[0].unit, HAIGUAN, 'the response unit');
    expectEqual(stored[0].mode, 'public', 'the response mode');
    expectEqual(stored[0].attributes, { type: 'resident' }, 'the response attributes');
    expectEqual(stored[0].answers.Q_AWARE, 'unknown', 'Q_AWARE stored');
    expectEqual(stored[0].answers.Q_SCORE, '4', 'Q_SCORE stored');
    if ('Q_CHANNELS' in stored[0].answers) throw new Error('the hidden answer was stored');

    // Closed: the QR link says so.
    await must(page, 'POST', `/questionnaires/${code}/actions/close`, {});
    await session.close();
    page = await session.open();
    session.expectRefusal('GET', 409, new RegExp(`^/api/public/questionnaires/${code}$`));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/survey/${code}?unit=${HAIGUAN}`);
    await page.waitForSelector('[data-test=survey-closed]');
    expectEqual((await page.textContent('[data-test=survey-closed] h2')).trim(), '调查已结束', 'closed page');
  });

  test('survey answering: an interviewer submits offline, sees 待上传 1, and the answer is sent once', async ({
    session,
    baseUrl,
  }) => {
    let page = await session.open();
    await signedInAs(page, 'office');
    const code = await publishedQuestionnaire(page, 'E2E-INT');
    const assignment = await must(
      page,
      'POST',
      `/questionnaires/${code}/assignments`,
      { interviewer: 'inspector1', unit: HAIGUAN, target: 10, mode: 'household' },
      [201],
    );
    await session.close();

    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 36.0662, longitude: 103.8343, accuracy: 12 });
    page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signedInAs(page, 'inspector1');
    await page.goto(`${baseUrl}/surveys`);
    const card = page.locator(`[data-test=survey-assignment-${assignment.id}]`);
    await card.waitFor();
    await settle(page);
    expectEqual((await card.locator('.el-tag').first().textContent()).trim(), '入户', 'the mode on the card');
    await shot(page, 'survey-my-tasks');
    expectEqual((await card.locator('[data-test=assignment-progress]').textContent()).trim(), '0/10', 'progress');
    await card.click();
    await page.waitForSelector('[data-test=interview] [data-test=survey-form]');
    await settle(page);
    expectEqual((await page.textContent('[data-test=interview-mode]')).trim(), '入户', 'the interview mode');
    expectEqual(
      await page.locator('[data-test=unit-level-2]').getAttribute('data-value'),
      HAIGUAN,
      'the assignment unit',
    );
    await noHorizontalScroll(page, 'interview');

    await page.click('[data-test=attr-type-merchant]');
    await page.click('[data-test=answer-Q_AWARE-heard]');
    await page.click('[data-test=answer-Q_CHANNELS-web]');
    await page.click('[data-test=answer-Q_CHANNELS-poster]');
    await page.click('[data-test=answer-Q_SCORE-5]');

    await session.context.setOffline(true);
    let queued;
    try {
      await page.click('[data-test=survey-submit]');
      await page.waitForSelector('[data-test=interview-pending]');
      // In view: the page went back to its top for the next respondent.
      const box = await page.locator('[data-test=interview-pending]').boundingBox();
      if (!box || box.y < 0 || box.y > 844) throw new Error(`待上传 is out of view (y=${box?.y})`);
      expectEqual((await page.textContent('[data-test=interview-pending] span')).trim(), '待上传 1', 'the queue');
      await shot(page, 'survey-interview-queued');
      // The next interview starts blank.
      expectEqual((await page.textContent('[data-test=survey-progress]')).trim(), '已答 0/4', 'a blank form');
      const kept = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('civic.survey.queue.'))
          .map((k) => JSON.parse(localStorage.getItem(k)).body),
      );
      expectEqual(kept.length, 1, 'answers kept on the device');
      queued = kept[0];
      expectEqual([queued.lat, queued.lon], [36.0662, 103.8343], 'the position kept with the answer');
      if (!queued.started_at || !queued.submitted_at) throw new Error('the interview times are not kept');
    } finally {
      await session.context.setOffline(false);
    }

    // Online again: the queue empties by itself.
    await page.waitForSelector('[data-test=interview-pending]', { state: 'detached', timeout: 20000 });
    const left = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('civic.survey.queue.')),
    );
    expectEqual(left, [], 'the queue after sending');

    // A resend of the same client_id and body (a flush whose answer was lost) is recognised, not stored again.
    expectEqual((await api(page, 'POST', '/responses', queued)).status, 200, 'the resent interview');
    await session.close();

    page = await session.open();
    await signedInAs(page, 'office');
    const stored = await responsesOf(page, code);
    expectEqual(stored.length, 1, 'responses stored');
    const r = stored[0];
    expectEqual([r.mode, r.unit, r.interviewer], ['interview', HAIGUAN, 'inspector1'], 'the interview');
    expectEqual(r.answers.Q_CHANNELS, ['web', 'poster'], 'the multiple answer');
    if (r.client_id !== undefined) expectEqual(r.client_id, queued.client_id, 'the client_id stored');
    const tasks = await must(page, 'GET', `/questionnaires/${code}/assignments`);
    const mine = (Array.isArray(tasks) ? tasks : tasks.items).find((a) => a.id === assignment.id);
    expectEqual(mine?.done, 1, 'the assignment done count');
    await session.context.clearPermissions();
  });
}
