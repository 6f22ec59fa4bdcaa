// Bulletins, channels and the big screen in the browser: the office edits a weekly bulletin for 互贸区, a second
// office user (created through the API, as a new account must change its password first) approves it — the
// drafter is never offered approval — and the office publishes it and downloads it as PDF (DOCX offered too);
// 互贸区's unit officer finds it in the list and in the notification bell. The big screen at 1920×1080 shows no scroll bar, the district ranking and
// the case-flow numbers the API gives.
import fs from 'node:fs';

const OFFICE2 = `office2e${Date.now() % 100000}`;
const OFFICE2_PASSWORD = 'Office2#Civic2026';

export default function register(test, h) {
  const { signIn, signedInAs, settle, shot } = h;

  // A call from the page, with its session cookie and CSRF token.
  const call = (page, method, path, body) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
        const csrf = sessionStorage.getItem('civic.csrf');
        if (csrf) headers['X-CSRF-Token'] = csrf;
        const r = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
        const text = await r.text();
        return { status: r.status, body: text ? JSON.parse(text) : null };
      },
      { method, path, body },
    );

  async function signOut(page) {
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
  }

  test('bulletins: drafted, approved by a second office user, published, seen and notified in 互贸区', async ({
    session,
  }) => {
    const page = await session.open();
    // The second office user, made by the system admin (a one-time password, changed at first sign-in).
    await signedInAs(page, 'admin');
    const created = await call(page, 'POST', '/api/users', {
      username: OFFICE2,
      display_name: '创建办二',
      unit_code: 'QC',
      roles: ['office'],
    });
    if (created.status !== 201) throw new Error(`creating ${OFFICE2}: ${JSON.stringify(created)}`);
    const otp = created.body.one_time_password;
    await signOut(page);

    // The office drafts a weekly bulletin for 互贸区 and writes its opening.
    await signedInAs(page, 'office');
    const drafted = await call(page, 'POST', '/api/bulletins', { kind: 'weekly', unit: 'HM', period: '2026H1' });
    if (drafted.status !== 201) throw new Error(`drafting: ${JSON.stringify(drafted)}`);
    const id = drafted.body.id;
    await page.goto(`${session.baseUrl}/bulletins/${id}`);
    await page.waitForSelector('[data-test=bulletin-title]');
    for (const key of [
      'red_list',
      'black_list',
      'overdue_cases',
      'recurring_problems',
      'units_behind',
      'weakest_items',
    ]) {
      await page.waitForSelector(`[data-test=section-${key}]`);
    }
    const opening = `浏览器测试通报开头 ${Date.now()}`;
    await page.locator('[data-test=bulletin-opening] textarea, textarea[data-test=bulletin-opening]').fill(opening);
    await page.click('[data-test=bulletin-save]');
    await settle(page);
    if (await page.$('[data-test=bulletin-approve]')) throw new Error('the drafter is offered approval');
    await shot(page, 'bulletin-draft');
    await signOut(page);

    // The second office user: password first, then approval.
    await signIn(page, OFFICE2, otp);
    await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
    const inputs = page.locator('[data-test=change-password] input');
    await inputs.nth(0).fill(otp);
    await inputs.nth(1).fill(OFFICE2_PASSWORD);
    await inputs.nth(2).fill(OFFICE2_PASSWORD);
    await page.click('[data-test=change-password] button[type=submit]');
    await page.waitForURL((u) => u.pathname !== '/password', { timeout: 10000 });
    await settle(page);
    await page.goto(`${session.baseUrl}/bulletins/${id}`);
    await page.waitForSelector('[data-test=bulletin-approve]');
    await page.click('[data-test=bulletin-approve]');
    await page.waitForSelector('[data-test=bulletin-state]:has-text("已审核")', { timeout: 10000 });
    await signOut(page);

    // The office publishes it.
    await signedInAs(page, 'office');
    await page.goto(`${session.baseUrl}/bulletins/${id}`);
    await page.waitForSelector('[data-test=bulletin-publish]');
    await page.click('[data-test=bulletin-publish]');
    await page.waitForSelector('[data-test=bulletin-state]:has-text("已发布")', { timeout: 10000 });
    const published = (await call(page, 'GET', `/api/bulletins/${id}`)).body;
    if (published.approved_by !== OFFICE2) throw new Error(`approved by ${published.approved_by}`);
    if (published.prose.opening !== opening) throw new Error(`the opening is ${published.prose.opening}`);
    await shot(page, 'bulletin-published');
    // 下载 PDF: the report renderers' PDF (its text is read back by ctest bulletin_golden).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=bulletin-download-pdf]'),
    ]);
    const bytes = fs.readFileSync(await download.path());
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the bulletin download is not a PDF');
    if (!(await page.$('[data-test=bulletin-download-docx]'))) throw new Error('no DOCX download');
    await signOut(page);

    // 互贸区's unit officer: the list and the bell.
    await signedInAs(page, 'huimao');
    await page.click('[data-test=menu-bulletins]');
    await page.waitForSelector(`[data-test=bulletin-${id}]`, { timeout: 10000 });
    const state = (await page.textContent(`[data-test=bulletin-state-${id}]`)).trim();
    if (state !== '已发布') throw new Error(`the unit officer sees it ${state}`);
    const drafts = (await call(page, 'GET', '/api/bulletins?state=draft')).body;
    if (drafts.total !== 0) throw new Error(`the unit officer sees ${drafts.total} drafts`);
    await page.click('[data-test=notification-bell]');
    await page.waitForSelector('[data-test=notification-list]');
    const notice = (await page.locator('[data-test=notification-bulletin_published]').first().textContent()).trim();
    if (!notice.includes(published.title) || !notice.includes('互贸区') || !notice.includes('发布了通报')) {
      throw new Error(`the notice reads: ${notice}`);
    }
    await shot(page, 'bulletin-notified');
  });

  test('big screen: 1920×1080 without scroll, the district ranking and the case flow of the API', async ({
    session,
  }) => {
    const page = await session.open();
    // The questionnaire API is another branch's: the screen asks and hides the tile when it is absent.
    session.expectRefusal('GET', 404, /^\/api\/questionnaires$/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signedInAs(page, 'leader');
    const entry = page.locator('[data-test=menu-big-screen]');
    if ((await entry.getAttribute('target')) !== '_blank') throw new Error('the big screen does not open in a new tab');
    await page.goto(`${session.baseUrl}/big-screen`);
    await page.waitForSelector('[data-test=screen-ranking] li', { timeout: 20000 });
    await settle(page);
    const api = (await call(page, 'GET', '/api/big-screen')).body;
    const size = await page.evaluate(() => ({
      sh: document.documentElement.scrollHeight,
      sw: document.documentElement.scrollWidth,
      h: window.innerHeight,
      w: window.innerWidth,
    }));
    if (size.sh > size.h || size.sw > size.w) throw new Error(`the big screen scrolls: ${JSON.stringify(size)}`);
    if (await page.$('[data-test=menu]')) throw new Error('the big screen shows the menu');
    const ranking = await page.$$eval('[data-test=screen-ranking] li .name', (els) =>
      els.map((e) => e.textContent.trim()),
    );
    const expected = api.ranking.slice(0, 8).map((r) => r.unit_name);
    if (JSON.stringify(ranking) !== JSON.stringify(expected))
      throw new Error(`ranking ${JSON.stringify(ranking)}, API ${JSON.stringify(expected)}`);
    if (ranking.length !== 8) throw new Error(`${ranking.length} districts ranked, the demo city has 8`);
    for (const when of ['today', 'period']) {
      for (const f of ['reported', 'dispatched', 'fixed', 'overdue']) {
        const shown = (await page.textContent(`[data-test=flow-${when}-${f}]`)).trim();
        if (shown !== String(api.cases[when][f]))
          throw new Error(`${when} ${f}: shown ${shown}, API ${api.cases[when][f]}`);
      }
    }
    // The period's overdue count is the case list's.
    const overdue = (await call(page, 'GET', `/api/cases?period=${api.period}&overdue=true&page_size=1`)).body;
    if (overdue.total !== api.cases.period.overdue)
      throw new Error(`overdue: big screen ${api.cases.period.overdue}, cases ${overdue.total}`);
    const dots = await page.$$eval('[data-test=screen-map] circle', (els) => els.length);
    if (dots === 0) throw new Error('no site on the map');
    await shot(page, 'big-screen');
  });
}
