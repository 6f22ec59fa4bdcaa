// 测评成绩 and inspections in the browser: the 得分依据 drawer of a field item reads as words and figures (site
// names, failed checks by name with failures × deduction = points lost, two decimals) and links on to the
// inspection, which opens read-only; an inspector's submitted site opens read-only with 更正 as the only
// action, and a correction with a reason makes a new version.

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  // A field item of 互贸区 in 2026H1 with failed checks (A4.7.2 when it has some), found through the API.
  async function fieldItemWithFailures(page) {
    return page.evaluate(async () => {
      const get = async (u) => {
        const r = await fetch(u);
        if (!r.ok) throw new Error(`GET ${u}: HTTP ${r.status}`);
        return r.json();
      };
      const report = await get('/api/scores?unit=HM&period=2026H1');
      const items = report.aspects.flatMap((a) => a.indicators.flatMap((i) => i.items));
      const field = items.filter((i) => i.method === 'field' && i.assessed && i.score < i.max_score);
      field.sort((a, b) => (a.code === 'A4.7.2' ? -1 : b.code === 'A4.7.2' ? 1 : 0));
      for (const it of field) {
        const e = await get(`/api/scores/items/${encodeURIComponent(it.code)}?unit=HM&period=2026H1`);
        const failed = (e.inspections ?? []).filter((x) => x.failed.length > 0);
        if (failed.length)
          return { item: it.code, inspection: failed[0].id, site: failed[0].site, check: failed[0].failed[0] };
      }
      return { error: `no field item of 互贸区 lost points in 2026H1 (${field.length} field items below full marks)` };
    });
  }

  test('得分依据: names, failures × deduction with two decimals, links to the inspection (read-only)', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const target = await fieldItemWithFailures(page);
    if (target.error) throw new Error(target.error);

    await page.goto(`${baseUrl}/scores?unit=HM&period=2026H1&item=${encodeURIComponent(target.item)}`);
    await page.waitForSelector('[data-test=item-drawer] [data-test=evidence-inspection]', { timeout: 15000 });
    await settle(page);
    const drawer = page.locator('[data-test=item-drawer]');
    const text = await drawer.textContent();
    // No raw keys, no float noise, no JSON.
    for (const bad of ['method', 'site_type', '{"', 'deduction']) {
      if (text.includes(bad)) throw new Error(`the evidence drawer shows the raw "${bad}"`);
    }
    const noisy = text.match(/\d+\.\d{3,}/);
    if (noisy) throw new Error(`the evidence drawer shows ${noisy[0]}: points have two decimals`);
    // The failed check by its code and name, with failures × deduction = lost points.
    const card = drawer.locator('[data-test=evidence-inspection]', { hasText: target.site }).first();
    const cardText = await card.textContent();
    if (!cardText.includes(target.check.check)) throw new Error(`the card does not name check ${target.check.check}`);
    const lost = Number(target.check.deduction.toFixed(2)).toString();
    if (!new RegExp(`${target.check.failures}\\s*×\\s*[\\d.]+\\s*=\\s*${lost.replace('.', '\\.')}`).test(cardText)) {
      throw new Error(`the card does not show ${target.check.failures} × … = ${lost}: ${cardText}`);
    }
    // The site by name (the card's heading is not the bare code) and the inspector.
    const heading = (await card.locator('strong').first().textContent()).trim();
    if (heading === target.site) throw new Error(`the card shows the site's code ${heading}, not its name`);
    await shot(page, 'scores-evidence-drawer');

    // On to the inspection: read-only, its checks grouped by item, the failed one marked.
    await card.locator('[data-test=evidence-inspection-link]').click();
    await page.waitForURL((u) => u.pathname === `/inspections/${target.inspection}`, { timeout: 10000 });
    await page.waitForSelector('[data-test=inspection-detail] [data-test=inspection-item]', { timeout: 15000 });
    await settle(page);
    const detail = await page.textContent('[data-test=inspection-detail]');
    if (!detail.includes(heading)) throw new Error(`the inspection page does not name the site ${heading}`);
    if (!detail.includes(target.check.check))
      throw new Error(`the inspection page does not list ${target.check.check}`);
    expectEqual(await page.locator('[data-test=inspection-detail] input').count(), 0, 'inputs on the read-only page');
    // Breadcrumbs with every level.
    const crumbs = (await page.locator('[data-test=breadcrumbs] .el-breadcrumb__item').allTextContents()).map((c) =>
      c.replace('/', '').trim(),
    );
    expectEqual(crumbs, ['首页', '测评轮次', '考察记录'], 'breadcrumbs of an inspection');
    await shot(page, 'inspection-detail');
  });

  test('a submitted site opens read-only for its inspector; 更正 with a reason makes a new version', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 800 });
    await signedInAs(page, 'inspector1');
    await page.waitForSelector('[data-test=my-inspections]');
    // The demo leaves inspector1's 互贸区 sites to do: this test first submits one with every check passed
    // (through the API, as the phone would), then opens it from the list.
    const target = await page.evaluate(async () => {
      const get = async (u) => {
        const res = await fetch(u);
        if (!res.ok) throw new Error(`GET ${u}: HTTP ${res.status}`);
        return res.json();
      };
      const todo = (await get('/api/my/assignments?status=to_do&page_size=200')).items ?? [];
      if (!todo.length) return { error: 'inspector1 has no site to do' };
      const form = await get(
        `/api/inspection-form?round=${encodeURIComponent(todo[0].round)}&site=${encodeURIComponent(todo[0].site)}`,
      );
      const sent = await fetch('/api/inspections', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' },
        body: JSON.stringify({
          client_id: crypto.randomUUID(),
          round: todo[0].round,
          site: todo[0].site,
          inspected_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          note: '',
          results: form.checks.map((c) => ({ check: c.check, failures: 0, note: '', photos: [] })),
        }),
      });
      if (sent.status !== 201) return { error: `POST /api/inspections: HTTP ${sent.status} ${await sent.text()}` };
      const r = await fetch('/api/my/assignments?status=submitted&page_size=200');
      if (!r.ok) return { error: `GET /api/my/assignments: HTTP ${r.status}` };
      const a = ((await r.json()).items ?? []).find((x) => x.inspection && x.site === todo[0].site);
      if (!a) return { error: `${todo[0].site} is not listed as submitted after submitting it` };
      const i = await fetch(`/api/inspections/${encodeURIComponent(a.inspection)}`);
      if (!i.ok) return { error: `GET /api/inspections/${a.inspection}: HTTP ${i.status}` };
      return { round: a.round, site: a.site, inspection: a.inspection, version: (await i.json()).version };
    });
    if (target.error) throw new Error(target.error);

    await page.goto(`${baseUrl}/my-inspections`);
    await page.waitForSelector('[data-test=my-inspections]');
    await page.click('[data-test=assignment-status] .el-radio-button:has-text("已提交")');
    await page.locator(`[data-test=assignment-${target.site}]`).first().click();
    await page.waitForURL((u) => u.pathname === `/inspections/${target.inspection}`, { timeout: 10000 });
    await page.waitForSelector('[data-test=inspection-detail] [data-test=inspection-item]', { timeout: 15000 });
    expectEqual(await page.locator('[data-test=inspection-submit]').count(), 0, 'submit buttons on a submitted site');
    await shot(page, 'inspection-submitted-readonly');

    await page.click('[data-test=inspection-correct]');
    await page.waitForSelector('[data-test=inspection-form] [data-test=correcting]', { timeout: 15000 });
    await settle(page);
    // Without a reason the server refuses, in Chinese, and nothing changes.
    session.expectRefusal('POST', 400, /^\/api\/inspections\/[^/]+\/versions$/);
    const refused = page.waitForResponse((r) => /\/versions$/.test(r.url()) && r.request().method() === 'POST');
    await page.click('[data-test=inspection-submit]');
    const first = await refused;
    expectEqual(first.status(), 400, 'a correction without a reason');
    await page.waitForFunction(() =>
      /[\u4e00-\u9fff]/.test(
        document.querySelector('[data-test=inspection-form] .el-alert, [data-test=inspection-form] .field-error')
          ?.textContent ?? '',
      ),
    );
    await page.fill(
      'input[data-test=correction-reason], [data-test=correction-reason] input',
      '复核发现问题数录入有误',
    );
    const sent = page.waitForResponse((r) => /\/versions$/.test(r.url()) && r.request().method() === 'POST');
    await page.click('[data-test=inspection-submit]');
    const answer = await sent;
    if (answer.status() !== 201) throw new Error(`the correction answered ${answer.status()} ${await answer.text()}`);
    expectEqual((await answer.json()).version, target.version + 1, 'version of the corrected inspection');
    await page.waitForSelector('[data-test=inspection-result]');
    await shot(page, 'inspection-corrected');
  });

  test('驾驶舱 for 互贸区 on one page: rank among siblings, plan P vs E, one overdue number; the URL keeps the view', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/dashboard?unit=HM&period=2026H1`);
    await page.waitForSelector('[data-test=dashboard] [data-test=sibling-rank]', { timeout: 15000 });
    await settle(page);
    // The rank is the one the parent's ranking gives 互贸区.
    const expected = await page.evaluate(async () => {
      const own = await (await fetch('/api/scores?unit=HM&period=2026H1')).json();
      const parent = await (await fetch(`/api/scores?unit=${own.sibling_rank.parent}&period=2026H1`)).json();
      const ranked = parent.ranking.filter((r) => r.total_rate !== null);
      return { rank: parent.ranking.find((r) => r.unit === 'HM').rank, of: ranked.length };
    });
    const rankText = await page.textContent('[data-test=sibling-rank]');
    if (!rankText.includes(`${expected.rank}/${expected.of}`))
      throw new Error(`the rank reads ${rankText}, the city ranks 互贸区 ${expected.rank} of ${expected.of}`);
    // Plan progress: P and E as percentages, and a status.
    await page.waitForSelector('[data-test=plan-progress] [data-test=plan-p]', { timeout: 15000 });
    for (const sel of ['plan-p', 'plan-e']) {
      const v = (await page.textContent(`[data-test=${sel}]`)).trim();
      if (!/^\d+(\.\d)?%$/.test(v)) throw new Error(`${sel} shows ${JSON.stringify(v)}`);
    }
    await page.waitForSelector('[data-test=plan-status]');
    // One definition of overdue: the card's number is the count the list below announces.
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-test=stat-overdue] .stat-value')?.textContent ?? ''),
    );
    const card = Number((await page.textContent('[data-test=stat-overdue] .stat-value')).trim());
    const listed = await page.evaluate(
      async () => (await (await fetch('/api/cases?unit=HM&overdue=true&page_size=1')).json()).total,
    );
    expectEqual(card, listed, 'overdue cases on the card and in the list');
    await shot(page, 'dashboard-hm');

    // Bookmarkable: a reload shows the same unit and period.
    await page.reload();
    await page.waitForSelector('[data-test=dashboard] [data-test=sibling-rank]', { timeout: 15000 });
    const url = new URL(page.url());
    expectEqual(url.searchParams.get('unit'), 'HM', 'unit in the URL after a reload');
    expectEqual(url.searchParams.get('period'), '2026H1', 'period in the URL after a reload');

    // The unit search finds a unit by name and puts it in the URL.
    await page.goto(`${baseUrl}/dashboard?period=2026H1`);
    await page.waitForSelector('[data-test=dashboard]');
    await page.fill('input[data-test=unit-search], [data-test=unit-search] input', '互贸区');
    await page.locator('.el-autocomplete-suggestion li', { hasText: 'HM' }).first().click();
    await page.waitForURL((u) => u.searchParams.get('unit') === 'HM', { timeout: 10000 });
  });

  test('one pass in English: the dashboard and 得分依据 of 互贸区 speak English, units by their English names', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=lang-switch]');
    await page.click('[data-test=lang-en]');
    await page.waitForFunction(() =>
      document.querySelector('[data-test=menu-dashboard]')?.textContent.includes('Dashboard'),
    );
    await page.goto(`${baseUrl}/dashboard?unit=HM&period=2026H1`);
    await page.waitForSelector('[data-test=dashboard] [data-test=sibling-rank]', { timeout: 15000 });
    await settle(page);
    const rank = await page.textContent('[data-test=sibling-rank]');
    if (!/^rank \d+ of \d+$/.test(rank.trim())) throw new Error(`the rank reads ${JSON.stringify(rank)} in English`);
    await page.waitForFunction(
      () => document.querySelector('[data-test=dashboard] .unit-picker')?.textContent.includes('Huimao District'),
      undefined,
      { timeout: 10000 },
    );
    await page.waitForSelector('[data-test=plan-progress] [data-test=plan-status]');
    const status = (await page.textContent('[data-test=plan-status]')).trim();
    if (!['Behind', 'On track'].includes(status)) throw new Error(`the plan status reads ${status}`);
    await shot(page, 'dashboard-hm-en');

    const target = await fieldItemWithFailures(page);
    if (target.error) throw new Error(target.error);
    await page.goto(`${baseUrl}/scores?unit=HM&period=2026H1&item=${encodeURIComponent(target.item)}`);
    await page.waitForSelector('[data-test=item-drawer] [data-test=evidence-inspection]', { timeout: 15000 });
    await settle(page);
    const drawer = await page.textContent('[data-test=item-drawer]');
    for (const words of ['Failures × deduction = lost', 'Open the inspection', 'Inspector']) {
      if (!drawer.includes(words)) throw new Error(`the English drawer lacks "${words}"`);
    }
    await shot(page, 'scores-evidence-drawer-en');
  });
}
