// Phones and the security settings in the browser (issue 12): the inspector's form at 390 px grouped by item
// with 已检 counts and every tap target at least 44 px, a failure without a photo refused naming the check
// (and sent once a photo is added); the cases list as cards at 390 px; the security admin changes the lock
// threshold and finds it after a reload; the site map's legend lists every site type in its own colour.

// A valid 1×1 PNG: the server decides the type from the magic bytes and reads the size from the header.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  // Every visible control of `scope` smaller than 44 × 44 px (buttons, inputs, collapse headers, photo pickers);
  // an el-input is measured by its wrapper, the box a finger hits.
  async function smallTargets(page, scope) {
    return page.$$eval(
      `${scope} button, ${scope} input.tap, ${scope} .el-input__wrapper, ${scope} .el-collapse-item__header, ${scope} .photo-upload .add`,
      (els) =>
        els
          .filter((e) => e.offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { what: e.getAttribute('data-test') || e.className || e.tagName, w: r.width, h: r.height };
          })
          .filter((b) => b.w < 44 - 0.5 || b.h < 44 - 0.5)
          .map((b) => `${b.what} ${Math.round(b.w)}×${Math.round(b.h)}`),
    );
  }

  test('phones: the inspector form at 390 px is grouped by item, 44 px targets, a failure needs a photo', async ({
    session,
    baseUrl,
  }) => {
    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 36.0662, longitude: 103.8343, accuracy: 12 });
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signedInAs(page, 'inspector1');
    // The last to-do assignment (other modules take the first ones).
    const target = await page.evaluate(async () => {
      const r = await fetch('/api/my/assignments?status=to_do&page_size=200');
      const items = (await r.json()).items ?? [];
      const a = items[items.length - 1];
      return a ? { round: a.round, site: a.site } : null;
    });
    if (!target) throw new Error('inspector1 has no to-do assignment');
    await page.goto(`${baseUrl}/my-inspections/${target.round}/${target.site}`);
    await page.waitForSelector('[data-test=inspection-form] [data-test=check-0]', { timeout: 15000 });
    await settle(page);

    // Grouped by item: a header per item with its count, the first open, the overall count at the top.
    const groups = await page.$$eval('[data-test^=group-count-]', (els) => els.map((e) => e.textContent.trim()));
    if (!groups.length || !groups.every((g) => /^已检 \d+\/\d+$/.test(g))) {
      throw new Error(`item groups: ${JSON.stringify(groups)}`);
    }
    const checks = await page.evaluate(
      async (t) => (await (await fetch(`/api/inspection-form?round=${t.round}&site=${t.site}`)).json()).checks.length,
      target,
    );
    expectEqual(
      (await page.textContent('[data-test=checked-total]')).trim(),
      `已检 0/${checks}`,
      'the overall count before anything is checked',
    );
    const small = await smallTargets(page, '[data-test=inspection-form]');
    if (small.length) throw new Error(`tap targets under 44 px: ${small.join(', ')}`);
    for (const name of ['minus-0', 'plus-0', 'na-0', 'pass-0', 'inspection-submit']) {
      const box = await page.locator(`[data-test=${name}]`).first().boundingBox();
      if (!box || box.width < 44 || box.height < 44) throw new Error(`${name} is ${JSON.stringify(box)}`);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > 390) throw new Error(`the form is ${scrollWidth}px wide on a 390px screen`);

    // One failure on the first check, no photo: 提交 names the check, in Chinese; nothing is sent.
    const check = await page.evaluate(
      async (t) => (await (await fetch(`/api/inspection-form?round=${t.round}&site=${t.site}`)).json()).checks[0],
      target,
    );
    await page.click('[data-test=plus-0]');
    const firstGroup = (await page.textContent(`[data-test="group-count-${check.item}"]`)).trim();
    if (!/^已检 1\//.test(firstGroup)) throw new Error(`the first item counts ${firstGroup}`);
    await shot(page, 'phones-inspection-form-390');
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/inspections') posted += 1;
    });
    await page.click('[data-test=inspection-submit]');
    await page.waitForSelector('[data-test=inspection-form] .el-alert');
    const refusal = (await page.textContent('[data-test=inspection-form] .el-alert')).trim();
    if (!refusal.includes(check.check) || !/照片/.test(refusal)) {
      throw new Error(`the refusal does not name ${check.check}: ${refusal}`);
    }
    expectEqual(posted, 0, 'submissions sent without the photo');
    await shot(page, 'phones-inspection-photo-needed');

    // With a photo it goes out and opens a case.
    await page.setInputFiles('[data-test=photo-0]', { name: 'failure.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('[data-test=check-0] .thumb img', { timeout: 15000 });
    await page.click('[data-test=inspection-submit]');
    await page.waitForSelector('[data-test=inspection-result]', { timeout: 20000 });
    const opened = await page.$$eval('[data-test=opened-case]', (els) => els.length);
    if (opened < 1) throw new Error('the failure opened no case');
    await shot(page, 'phones-inspection-submitted');
  });

  test('phones: the server refuses a failure without a photo, naming the check', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'inspector1');
    session.expectRefusal('POST', 400, /^\/api\/inspections$/);
    const answer = await page.evaluate(async () => {
      const items = (await (await fetch('/api/my/assignments?status=to_do&page_size=200')).json()).items ?? [];
      const a = items[items.length - 1];
      if (!a) return { error: 'no to-do assignment' };
      const form = await (await fetch(`/api/inspection-form?round=${a.round}&site=${a.site}`)).json();
      const csrf = sessionStorage.getItem('civic.csrf') ?? '';
      const body = {
        client_id: `phones-${Date.now()}`,
        round: a.round,
        site: a.site,
        inspected_at: new Date(Date.now() - 60000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        note: '',
        results: form.checks.map((c, i) => ({ check: c.check, failures: i === 0 ? 1 : 0, note: '', photos: [] })),
      };
      const r = await fetch('/api/inspections', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: await r.json(), check: form.checks[0].check };
    });
    if (answer.error) throw new Error(answer.error);
    expectEqual(answer.status, 400, 'a failure without a photo');
    expectEqual(answer.body.error?.field, `results.${answer.check}.photos`, 'the refused field');
    expectEqual(answer.body.error?.key, 'inspection.photos.required', 'the message key');
  });

  test('phones: the cases list is cards at 390 px', async ({ session, baseUrl }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/cases`);
    await page.waitForSelector('[data-test=case-cards] [data-test^=card-]', { timeout: 15000 });
    await settle(page);
    expectEqual(await page.locator('[data-test=case-table]').count(), 0, 'case tables at 390 px');
    const cards = await page.locator('[data-test=case-cards] .list-card').count();
    if (cards < 1) throw new Error('no case cards');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > 390) throw new Error(`the cases page is ${scrollWidth}px wide on a 390px screen`);
    await shot(page, 'phones-cases-cards-390');
    // Wide again: the table.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('[data-test=case-table]');
  });

  test('phones: the security admin changes the lock threshold and it shows after a reload', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'security');
    await page.goto(`${baseUrl}/security`);
    await page.waitForSelector('[data-test=edit-login_max_failed_per_account]');
    await settle(page);
    const input =
      'input[data-test=edit-login_max_failed_per_account], [data-test=edit-login_max_failed_per_account] input';
    const before = await page.inputValue(input);
    const next = before === '6' ? '7' : '6';
    await page.fill(input, next);
    await page.locator(input).blur();
    await page.click('[data-test=security-save]');
    await page.waitForSelector('.el-message--success');
    await page.reload();
    await page.waitForSelector('[data-test=edit-login_max_failed_per_account]');
    await settle(page);
    expectEqual(await page.inputValue(input), next, 'the lock threshold after a reload');
    await shot(page, 'phones-security-settings');
    // Out of bounds over the API: refused naming the setting.
    session.expectRefusal('PUT', 400, /^\/api\/security\/settings$/);
    const refused = await page.evaluate(async () => {
      const csrf = sessionStorage.getItem('civic.csrf') ?? '';
      const r = await fetch('/api/security/settings', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ login_max_failed_per_account: 11 }),
      });
      return { status: r.status, field: (await r.json()).error?.field };
    });
    expectEqual(refused, { status: 400, field: 'login_max_failed_per_account' }, 'an out-of-bounds threshold');
    // Back to the built-in five for the other modules.
    await page.fill(input, '5');
    await page.locator(input).blur();
    await page.click('[data-test=security-save]');
    await page.waitForSelector('.el-message--success');
  });

  test('phones: the site map legend lists every site type in its own colour', async ({ session, baseUrl }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/sites`);
    await settle(page);
    await page.click('#tab-map');
    await page.waitForSelector('[data-test=map-legend] [data-test^=legend-]', { timeout: 20000 });
    await settle(page);
    const legend = await page.$$eval('[data-test=map-legend] [data-test^=legend-]', (els) =>
      els.map((e) => ({ type: e.getAttribute('data-test').slice(7), colour: e.getAttribute('data-colour') })),
    );
    const types = await page.evaluate(async () => {
      const r = await fetch('/api/site-types');
      if (!r.ok) return null;
      const body = await r.json();
      return (Array.isArray(body) ? body : (body.items ?? [])).filter((x) => x.site_count > 0).map((x) => x.type);
    });
    if (types) {
      const listed = legend.map((l) => l.type).sort();
      expectEqual(listed, [...types].sort(), 'the legend types');
    }
    const colours = new Set(legend.map((l) => l.colour));
    expectEqual(colours.size, legend.length, 'distinct legend colours');
    if (legend.length < 10) throw new Error(`only ${legend.length} site types on the map`);
    const districts = await page.locator('[data-test^=map-district-]').count();
    if (districts < 2) throw new Error(`${districts} district labels`);
    await shot(page, 'phones-site-map');
  });
}
