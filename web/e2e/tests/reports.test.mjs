// Work summaries (工作总结) in the browser against the demo city: the office creates a summary of its own
// unit (the city, the dialog's default) for the running period, the preview in the page shows the figures the API gives for it, the office submits it; a
// second office user (made over the API by the system admin, who must set a password first) approves and
// publishes it; the published PDF downloads and starts with %PDF; the archive (every published report, of every
// period — not only the running one the period picker starts on) holds the demo's 2026H1 summary before and the
// new one after.
import fs from 'node:fs';

export default function register(test, h) {
  const { signedInAs, signIn, settle, shot } = h;

  async function api(page, method, path, body) {
    return page.evaluate(
      async ([m, p, b]) => {
        const r = await fetch(p, {
          method: m,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') ?? '' },
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        return { status: r.status, json: await r.json().catch(() => null) };
      },
      [method, path, body],
    );
  }

  test('reports: create, preview with the API figures, submit, a second office user approves and publishes, PDF', async ({
    session,
  }) => {
    const page = await session.open();
    // The second office user, made by the system admin; the first sign-in changes the password.
    await signedInAs(page, 'admin');
    const made = await api(page, 'POST', '/api/users', {
      username: 'office2',
      display_name: '市创文办主任',
      unit_code: 'QC',
      roles: ['office'],
      password: 'Office2#2026first',
    });
    if (made.status !== 201) throw new Error(`creating office2 answered ${made.status}: ${JSON.stringify(made.json)}`);
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');

    await signedInAs(page, 'office');
    await page.click('[data-test=menu-reports]');
    await page.waitForSelector('[data-test=report-list]');
    await settle(page);
    // The demo's published 2026H1 summary is in the archive.
    await page.click('[data-test=report-archive]');
    await settle(page);
    const archived = await page.$$eval('[data-test=report-title]', (els) => els.map((e) => e.textContent.trim()));
    if (!archived.some((t) => t.includes('互贸区'))) throw new Error(`the archive lists ${JSON.stringify(archived)}`);
    await shot(page, 'reports-archive');

    await page.click('[data-test=report-create]');
    await page.waitForSelector('[data-test=report-create-confirm]');
    await page.click('[data-test=report-create-confirm]');
    await page.waitForSelector('[data-test=report-detail-title]', { timeout: 30000 });
    await settle(page);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const report = (await api(page, 'GET', `/api/reports/${id}`)).json;
    const rate = report.figures['score.total_rate'];
    if (typeof rate !== 'number') throw new Error(`no score.total_rate: ${JSON.stringify(report.figures)}`);
    const shown = `${(rate * 100).toFixed(1)}%`;
    const frame = page.frameLocator('[data-test=report-preview]');
    await frame.locator('h1').waitFor({ timeout: 30000 });
    const text = await frame.locator('body').innerText();
    if (!text.includes(`得分率${shown}`)) throw new Error(`the preview does not show 得分率${shown}`);
    const cases = report.figures['cases.closure_rate'];
    if (typeof cases === 'number' && !text.includes(`结案率${(cases * 100).toFixed(1)}%`))
      throw new Error('the preview does not show the closure rate');
    await shot(page, 'reports-editor-preview');

    // Submit; the author is offered no approval.
    await page.click('[data-test=report-submit]');
    await page.waitForFunction(
      () => document.querySelector('[data-test=report-state]')?.textContent.trim() === '待审核',
    );
    if (await page.$('[data-test=report-approve]')) throw new Error('the author is offered the approval');
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');

    // office2: change the first password, approve, publish.
    await signIn(page, 'office2', 'Office2#2026first');
    await page.waitForURL((u) => u.pathname === '/password' || u.pathname !== '/login', { timeout: 15000 });
    if (new URL(page.url()).pathname === '/password') {
      const inputs = page.locator('[data-test=change-password] input');
      await inputs.nth(0).fill('Office2#2026first');
      await inputs.nth(1).fill('Office2#2026second');
      await inputs.nth(2).fill('Office2#2026second');
      await page.click('[data-test=change-password] button[type=submit]');
      await page.waitForURL((u) => u.pathname !== '/password', { timeout: 10000 });
    }
    await settle(page);
    await page.goto(`${session.baseUrl}/reports/${id}`);
    await page.waitForSelector('[data-test=report-approve]', { timeout: 30000 });
    await page.click('[data-test=report-approve]');
    await page.waitForSelector('[data-test=report-publish]', { timeout: 30000 });
    await page.click('[data-test=report-publish]');
    await page.waitForFunction(
      () => document.querySelector('[data-test=report-state]')?.textContent.trim() === '已发布',
      undefined,
      { timeout: 60000 },
    );
    await page.waitForSelector('[data-test=report-fingerprint]');
    await shot(page, 'reports-published');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=report-download-pdf]'),
    ]);
    const bytes = fs.readFileSync(await download.path());
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the download is not a PDF');

    // The archive (published, every period) now lists the new report beside the demo's 2026H1 one.
    await page.goto(`${session.baseUrl}/reports`);
    await page.waitForSelector('[data-test=report-list]');
    await settle(page);
    await page.click('[data-test=report-archive]');
    await settle(page);
    await page.waitForSelector(`[data-test=report-state-${id}]`, { timeout: 15000 });
    const after = await page.$$eval('[data-test=report-title]', (els) => els.map((e) => e.textContent.trim()));
    if (!after.includes(report.title) || !after.some((t) => t.includes('互贸区')))
      throw new Error(`after publishing, the archive lists ${JSON.stringify(after)}`);
  });
}
