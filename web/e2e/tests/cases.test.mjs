// Cases, inspections and the public pages in the browser: the closed loop (an inspector's failed check → office dispatch → the unit
// accepts and reports handled with a photo → office verifies → closed; the dashboard's case measures change),
// the public report and tracking, the phone layout at 360 px, and screenshots of the main pages.

import fs from 'node:fs';
import { readXlsx } from '../xlsx.mjs';

// A valid 1×1 PNG: the server decides the type from the magic bytes and reads the size from the header.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const photoFile = (name) => ({ name, mimeType: 'image/png', buffer: PNG });

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  // Element Plus puts data-test on the native <input>/<textarea> of el-input, on the wrapper of others.
  const native = (name, tag = 'input') => `${tag}[data-test=${name}], [data-test=${name}] ${tag}`;

  async function noHorizontalScroll(page, what) {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    const vw = page.viewportSize().width;
    if (w > vw) throw new Error(`${what}: the page is ${w}px wide on a ${vw}px screen`);
  }

  async function openCase(page, baseUrl, code) {
    await page.goto(`${baseUrl}/cases/${code}`);
    await page.waitForSelector('[data-test=case-detail] [data-test=case-code]');
    await settle(page);
  }

  async function caseState(page) {
    const tag = await page.waitForSelector('[data-test=case-detail] [data-test^=state-]');
    return (await tag.getAttribute('data-test')).replace(/^state-/, '');
  }

  async function act(page, action, fill = async () => undefined) {
    await page.click(`[data-test=action-${action}]`);
    const dialog = page.locator('[data-test=case-action-dialog]').last();
    await dialog.waitFor();
    await fill(dialog);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/actions/${action}`) && r.request().method() === 'POST', {
        timeout: 15000,
      }),
      dialog.locator('[data-test=action-submit]').click(),
    ]);
    if (res.status() !== 200) throw new Error(`${action}: HTTP ${res.status()} ${await res.text()}`);
    await dialog.waitFor({ state: 'hidden' });
    await settle(page);
  }

  async function dashboardCaseCount(page, baseUrl) {
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=dashboard]');
    await settle(page);
    await page.waitForFunction(
      () => /\d/.test(document.querySelector('[data-test=stat-cases] .stat-value')?.textContent ?? ''),
      undefined,
      { timeout: 15000 },
    );
    return {
      count: Number((await page.textContent('[data-test=stat-cases] .stat-value')).trim()),
      closure: (await page.textContent('[data-test=stat-closure] .stat-value')).trim(),
    };
  }

  test('closed loop: failed check → dispatch → handled with a photo → verified closed; dashboard changes', async ({
    session,
    baseUrl,
  }) => {
    // 1. inspector1, on a phone, submits a failed check on an assigned 互贸区 site of the open round.
    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 36.0662, longitude: 103.8343, accuracy: 12 });
    let page = await session.open();
    await page.setViewportSize({ width: 360, height: 760 });
    await signedInAs(page, 'inspector1');
    await page.waitForSelector('[data-test=my-inspections]');
    await settle(page);
    await shot(page, 'inspector1-assignments');
    const target = await page.evaluate(async () => {
      const r = await fetch('/api/my/assignments?status=to_do&page_size=200');
      if (!r.ok) return { error: `GET /api/my/assignments: HTTP ${r.status}` };
      const items = (await r.json()).items ?? [];
      const a = items.find((x) => /^HM/.test(x.unit ?? '') || /^HM/.test(x.site ?? '')) ?? null;
      return a ? { round: a.round, site: a.site } : { error: `no 互贸区 site among ${items.length} to-do assignments` };
    });
    // The demo's open round assigns 互贸区 sites to inspector1 (src/demo/inspections/demo_rounds.cc).
    if (target.error) throw new Error(target.error);
    let code = null;
    {
      // The assignment list shows the site's card; it opens the form.
      await page.locator(`[data-test=assignment-${target.site}]`).first().click();
      await page.waitForSelector('[data-test=inspection-form] [data-test=check-0]', { timeout: 15000 });
      await settle(page);
      await noHorizontalScroll(page, 'inspection form');
      await page.waitForFunction(
        () => /\d+\.\d{5}/.test(document.querySelector('[data-test=gps]')?.textContent ?? ''),
        undefined,
        { timeout: 15000 },
      );
      const failures = page.locator(native('failures-0')).first();
      await failures.fill('2');
      await failures.blur();
      await page.fill(native('note-0'), '垃圾桶满溢，地面有烟头');
      await page.setInputFiles('[data-test=photo-0]', photoFile('before.png'));
      await page.waitForSelector('[data-test=check-0] .thumb img', { timeout: 15000 });
      await shot(page, 'inspection-form');
      await page.click('[data-test=inspection-submit]');
      await page.waitForSelector('[data-test=inspection-result]', { timeout: 20000 });
      const opened = await page.$$eval('[data-test=opened-case]', (els) => els.map((e) => e.textContent.trim()));
      if (opened.length !== 1)
        throw new Error(`one failed check should open one case, opened ${JSON.stringify(opened)}`);
      code = opened[0];
      await shot(page, 'inspection-result');
    }
    await session.close();
    await session.context.clearPermissions();

    // 2. office sees the dashboard, then dispatches the new case to its unit.
    page = await session.open();
    await signedInAs(page, 'office');
    const before = await dashboardCaseCount(page, baseUrl);
    await openCase(page, baseUrl, code);
    expectEqual(await caseState(page), 'registered', 'state of the new case');
    await shot(page, 'case-registered');
    await act(page, 'dispatch');
    expectEqual(await caseState(page), 'dispatched', 'state after dispatch');
    await session.close();

    // 3. the unit officer (huimao) accepts and reports it handled with a photo.
    page = await session.open();
    await signedInAs(page, 'huimao');
    await page.click('[data-test=notification-bell]');
    await page.waitForSelector('[data-test=notification-list]');
    await page.keyboard.press('Escape');
    await openCase(page, baseUrl, code);
    await act(page, 'accept');
    expectEqual(await caseState(page), 'handling', 'state after accept');
    await act(page, 'report-handled', async (dialog) => {
      await dialog.locator(native('form-note', 'textarea')).fill('已清理垃圾，增设烟灰桶');
      await page.setInputFiles('[data-test=case-action-dialog] [data-test=form-photos]', photoFile('after.png'));
      await dialog.locator('.thumb img').waitFor({ timeout: 15000 });
    });
    expectEqual(await caseState(page), 'handled', 'state after report-handled');
    await session.close();

    // 4. office verifies it: closed; the dashboard's case measures changed.
    page = await session.open();
    await signedInAs(page, 'office');
    // The dispatcher is told it was handled, in words: the unit's place by name and the case's title, no code.
    const handled = await page.evaluate(async (c) => (await fetch(`/api/cases/${c}`)).json(), code);
    await page.click('[data-test=notification-bell]');
    const notice = (await page.locator('[data-test=notification-case_handled]').first().textContent()).trim();
    if (!notice.includes(`${handled.unit_name} · ${handled.title}`) || !notice.includes('案卷已处置，待核查'))
      throw new Error(
        `the notice should say "… ${handled.unit_name} · ${handled.title}：案卷已处置，待核查": ${notice}`,
      );
    if (notice.includes(code)) throw new Error(`the notice shows the case's code: ${notice}`);
    await page.keyboard.press('Escape');
    await openCase(page, baseUrl, code);
    await act(page, 'verify-ok');
    expectEqual(await caseState(page), 'closed', 'state after verify-ok');
    const steps = await page.$$eval('[data-test=case-timeline] .el-timeline-item', (els) => els.length);
    if (steps < 5) throw new Error(`the timeline shows ${steps} events, expected report … verify-ok`);
    await shot(page, 'case-closed');
    const after = await dashboardCaseCount(page, baseUrl);
    if (after.count !== before.count + 1) {
      throw new Error(`dashboard cases: ${before.count} before, ${after.count} after one dispatched case`);
    }
    if (after.closure === before.closure) throw new Error(`closure rate unchanged (${after.closure})`);
    await shot(page, 'dashboard-after-loop');
  });

  test('offline: a submitted inspection is queued on the phone and sent when the network returns', async ({
    session,
    baseUrl,
  }) => {
    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 45.7867, longitude: 126.615, accuracy: 15 });
    const page = await session.open();
    await page.setViewportSize({ width: 360, height: 760 });
    await signedInAs(page, 'inspector1');
    const target = await page.evaluate(async () => {
      const items = (await (await fetch('/api/my/assignments?status=to_do&page_size=1')).json()).items ?? [];
      return items[0] ? { round: items[0].round, site: items[0].site } : null;
    });
    if (!target) throw new Error('inspector1 has no to-do assignment left');
    await page.goto(`${baseUrl}/my-inspections/${target.round}/${target.site}`);
    await page.waitForSelector('[data-test=inspection-form] [data-test=check-0]', { timeout: 15000 });
    await settle(page);
    await session.context.setOffline(true);
    try {
      await page.click('[data-test=inspection-submit]');
      await page.waitForSelector('[data-test=inspection-queued]', { timeout: 15000 });
      await shot(page, 'inspection-queued');
    } finally {
      await session.context.setOffline(false);
    }
    // Back online: the queued inspection goes out (once) and the assignment is submitted.
    const deadline = Date.now() + 20000;
    let status = null;
    while (Date.now() < deadline) {
      status = await page.evaluate(async (t) => {
        const items = (await (await fetch(`/api/my/assignments?status=submitted&page_size=200`)).json()).items ?? [];
        return items.some((a) => a.round === t.round && a.site === t.site) ? 'submitted' : 'not yet';
      }, target);
      if (status === 'submitted') break;
      await page.waitForTimeout(500);
    }
    if (status !== 'submitted') throw new Error('the queued inspection was not sent after the network returned');
    const left = await page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('civic.draft.')).length,
    );
    if (left) throw new Error(`${left} drafts are still kept on the device after sending`);
    await session.context.clearPermissions();
  });

  test('public report (随手拍) gives a number that the track page finds', async ({ session, baseUrl }) => {
    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 45.7867, longitude: 126.615, accuracy: 20 });
    const page = await session.open();
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto(`${baseUrl}/public/report`);
    await page.waitForSelector('[data-test=public-report]');
    await settle(page);
    await noHorizontalScroll(page, 'public report');
    await page.click('[data-test=public-category]');
    await page.click('.el-select-dropdown__item:visible >> nth=0');
    await page.fill(native('public-description', 'textarea'), '人行道上共享单车乱停放，影响通行');
    await page.fill(native('public-address'), '互贸区华阜大街 88 号');
    await page.click('[data-test=public-gps-button]');
    await page.waitForSelector('[data-test=public-gps]', { timeout: 15000 });
    await page.setInputFiles('[data-test=public-photo]', photoFile('public.png'));
    await page.waitForSelector('[data-test=public-report] .thumb img', { timeout: 15000 });
    await shot(page, 'public-report');
    await page.click('[data-test=public-submit]');
    const code = (await page.textContent('[data-test=public-case-code]', { timeout: 15000 })).trim();
    if (!/^C\d{8}-\d{5}$/.test(code)) throw new Error(`the case number looks wrong: ${code}`);
    await page.goto(`${baseUrl}/public/track`);
    await page.fill(native('track-code'), code);
    await page.click('[data-test=track-submit]');
    await page.waitForSelector('[data-test=track-result]', { timeout: 15000 });
    const status = (await page.textContent('[data-test=track-status]')).trim();
    if (!/处理中|已办结/.test(status)) throw new Error(`track status: ${status}`);
    await noHorizontalScroll(page, 'public track');
    await shot(page, 'public-track');
    await session.context.clearPermissions();
  });

  test('public report (随手拍) with an address only: location denied, still a number, the office sees the address', async ({
    session,
    baseUrl,
  }) => {
    await session.context.clearPermissions(); // no geolocation: the browser denies it
    const page = await session.open();
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto(`${baseUrl}/public/report`);
    await page.waitForSelector('[data-test=public-report]');
    await settle(page);
    await page.click('[data-test=public-category]');
    await page.click('.el-select-dropdown__item:visible >> nth=0');
    await page.fill(native('public-description', 'textarea'), '路口垃圾桶满溢无人清运，位置未定位');
    await page.fill(native('public-address'), '互贸区海关街道友谊路 12 号');
    await page.setInputFiles('[data-test=public-photo]', photoFile('public-no-gps.png'));
    await page.waitForSelector('[data-test=public-report] .thumb img', { timeout: 15000 });
    await page.click('[data-test=public-submit]');
    const code = (await page.textContent('[data-test=public-case-code]', { timeout: 15000 })).trim();
    if (!/^C\d{8}-\d{5}$/.test(code)) throw new Error(`the case number looks wrong: ${code}`);
    await shot(page, 'public-report-address-only');
    await page.goto(`${baseUrl}/login`);
    await signedInAs(page, 'office');
    const stored = await page.evaluate(async (c) => (await fetch(`/api/cases/${c}`)).json(), code);
    if (stored.address !== '互贸区海关街道友谊路 12 号') throw new Error(`stored address: ${stored.address}`);
    if (stored.lat != null || stored.lon != null) throw new Error(`coordinates appeared: ${stored.lat}, ${stored.lon}`);
  });

  test('the inspector pages fit a 360 px phone screen', async ({ session }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 360, height: 760 });
    await signedInAs(page, 'inspector1');
    await page.waitForSelector('[data-test=my-inspections]');
    await settle(page);
    await noHorizontalScroll(page, 'my assignments');
    await page.click('[data-test=notification-bell]');
    await page.waitForSelector('[data-test=notification-list]');
    await noHorizontalScroll(page, 'notifications');
    await shot(page, 'inspector1-phone-360');
  });

  test('cases, sites (map), rounds and rankings pages render for office', async ({ session, baseUrl }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/cases`);
    await page.waitForSelector('[data-test=case-table]');
    await settle(page);
    await shot(page, 'cases');
    await page.click('[data-test=filter-overdue]');
    await page.click('[data-test=cases-search]');
    await settle(page);
    if (new URL(page.url()).searchParams.get('overdue') !== 'true')
      throw new Error('the overdue filter is not in the URL');
    await page.goto(`${baseUrl}/cases?tab=rankings`);
    await page.waitForSelector('[data-test=case-rankings]');
    await settle(page);
    await shot(page, 'case-rankings');
    await page.goto(`${baseUrl}/sites`);
    await page.waitForSelector('[data-test=site-table]');
    await settle(page);
    await shot(page, 'sites');
    await page.click('.el-tabs__item:has-text("点位地图")');
    // The demo city has sites with coordinates: the map draws them, and a dot opens its site.
    await page.waitForSelector('[data-test=site-map] circle', { timeout: 20000 });
    await settle(page);
    const dots = await page.$$('[data-test=site-map] circle');
    await dots[0].dispatchEvent('click');
    await page.waitForSelector('[data-test=site-detail]');
    await settle(page);
    await shot(page, 'sites-map');
    await page.goto(`${baseUrl}/rounds`);
    await page.waitForSelector('[data-test=round-table]');
    await settle(page);
    await shot(page, 'rounds');
    // The demo has rounds: the first row opens its detail.
    const row = page.locator('[data-test=round-table] .el-table__body-wrapper tr').first();
    await row.waitFor({ timeout: 10000 });
    await row.click();
    await page.waitForSelector('[data-test=round-detail]');
    await settle(page);
    await shot(page, 'round-detail');
  });

  test('bulk dispatch of three registered cases, one changed meanwhile: a result per row, the refusal in Chinese', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    // Three hotline cases for 互贸区, registered, found by their title.
    const tag = `批量派遣${Date.now() % 100000}`;
    const picked = await page.evaluate(async (title) => {
      const post = async (path, body) => {
        const res = await fetch(`/api${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`POST /api${path}: HTTP ${res.status} ${await res.text()}`);
        return res.json();
      };
      const category = (await (await fetch('/api/case-categories')).json())[0].code;
      const codes = [];
      for (let i = 1; i <= 3; i++) {
        const c = await post('/cases', {
          title: `${title} ${i}`,
          category,
          unit: 'HM',
          address: `互贸区测试路 ${i} 号`,
          source: 'hotline',
        });
        await post(`/cases/${encodeURIComponent(c.code)}/actions/register`, { category, severity: '一般' });
        codes.push(c.code);
      }
      return codes;
    }, tag);
    await page.goto(`${baseUrl}/cases?state=registered&q=${encodeURIComponent(tag)}`);
    await page.waitForSelector('[data-test=case-table] .el-table__body tr');
    await settle(page);
    expectEqual(
      await page.locator('[data-test=case-table] .el-table__body tr').count(),
      3,
      'rows of the three new cases',
    );
    for (const code of picked) {
      await page
        .locator('[data-test=case-table] .el-table__body tr', { hasText: code })
        .locator('.el-checkbox')
        .click();
    }
    await page.click('[data-test=bulk-dispatch]');
    await page.waitForSelector('[data-test=bulk-dialog]');
    // Meanwhile a colleague dispatches the second case: the bulk dispatch of it must be refused (its version
    // and state changed), the other two done.
    const meanwhile = await page.evaluate(async (code) => {
      const detail = await (await fetch(`/api/cases/${encodeURIComponent(code)}`)).json();
      const res = await fetch(`/api/cases/${encodeURIComponent(code)}/actions/dispatch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' },
        body: JSON.stringify({ unit: 'HM', category: detail.category, severity: '较重', note: '已先行派遣' }),
      });
      return res.status;
    }, picked[1]);
    expectEqual(meanwhile, 200, 'dispatching the second case meanwhile');
    session.expectRefusal('POST', 409, new RegExp(`^/api/cases/${picked[1]}/actions/dispatch$`));
    await page.click('[data-test=bulk-run]');
    await page.waitForSelector('[data-test=bulk-summary]', { timeout: 20000 });
    await settle(page);
    expectEqual(await page.locator('[data-test=bulk-results] [data-test=bulk-ok]').count(), 2, 'cases dispatched');
    expectEqual(await page.locator('[data-test=bulk-results] [data-test=bulk-failed]').count(), 1, 'cases refused');
    const refusedRow = await page
      .locator('[data-test=bulk-results] .el-table__body tr', { hasText: picked[1] })
      .textContent();
    if (!/[\u4e00-\u9fff]{4,}/.test(refusedRow.replace('未执行', '')))
      throw new Error(`the refused row does not say why in Chinese: ${refusedRow}`);
    await shot(page, 'cases-bulk-dispatch');
    // Each case was acted on by itself: all three are dispatched once, the second by the colleague (较重).
    const states = await page.evaluate(
      async (codes) =>
        Promise.all(
          codes.map(async (c) => {
            const d = await (await fetch(`/api/cases/${encodeURIComponent(c)}`)).json();
            return `${d.state}/${d.severity}`;
          }),
        ),
      picked,
    );
    expectEqual(states, ['dispatched/一般', 'dispatched/较重', 'dispatched/一般'], 'states after the bulk dispatch');
  });

  test('the case list downloads as Excel with exactly the filtered rows (read back)', async ({ session, baseUrl }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/cases?state=closed&unit=HM`);
    await page.waitForSelector('[data-test=case-table] .el-table__body tr');
    await settle(page);
    const listed = await page.evaluate(async () => {
      const first = await (await fetch('/api/cases?state=closed&unit=HM&page_size=20')).json();
      return { total: first.total, codes: first.items.map((c) => c.code) };
    });
    if (listed.total < 2) throw new Error(`the demo has ${listed.total} closed cases of 互贸区`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=cases-export-xlsx]')]);
    expectEqual(download.suggestedFilename(), 'cases.xlsx', 'file name');
    const rows = readXlsx(fs.readFileSync(await download.path()));
    expectEqual(rows[0].slice(0, 5), ['案卷编号', '标题', '问题类别', '严重程度', '状态'], 'headings');
    expectEqual(rows.length - 1, listed.total, 'rows in the sheet (the filtered total)');
    const codes = new Set(rows.slice(1).map((r) => r[0]));
    for (const c of listed.codes) if (!codes.has(c)) throw new Error(`the sheet lacks ${c} of the list's first page`);
    if (!rows.slice(1).every((r) => r[4] === '已结案')) throw new Error('the sheet has rows of another state');
  });
}
