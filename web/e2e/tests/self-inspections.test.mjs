// Self-inspections (自查) in the browser against the demo city: 互贸区's officer opens its finished
// self-inspection and sees over-optimistic A5 rows on the 差距 tab and on the dashboard's 自查差距 card; the
// office sees the list with 互贸区's mean gap, starts one for 西城区, sets a rate, finishes it and finds it
// read-only.

const SEARCH = 'input[data-test=self-inspection-search], [data-test=self-inspection-search] input';

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;

  // The A5 codes of the over-optimistic rows the page shows under `scope`.
  async function overOptimisticA5(page, scope) {
    return page.$$eval(`${scope} tr.over-optimistic [data-test=gap-item]`, (els) =>
      els.map((e) => e.textContent.trim()).filter((c) => c.startsWith('A5.')),
    );
  }

  test('self-inspections: 互贸区 sees its over-optimistic A5 items on the gap tab and the dashboard', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'huimao');
    await page.click('[data-test=menu-self-inspections]');
    await page.waitForSelector('[data-test=self-inspection-open-HM]');
    await settle(page);
    const rows = await page.$$eval('[data-test=self-inspection-unit]', (els) => els.map((e) => e.textContent.trim()));
    if (rows.length !== 1 || rows[0] !== '互贸区') throw new Error(`huimao lists ${JSON.stringify(rows)}`);
    await shot(page, 'self-inspections-unit-list');

    await page.click('[data-test=self-inspection-open-HM]');
    await page.waitForSelector('[data-test=self-inspection-readonly]');
    const state = (await page.textContent('[data-test=self-inspection-state]')).trim();
    if (state !== '已完成') throw new Error(`the demo self-inspection is ${state}`);
    // Finished: no inputs, no finish button.
    if (await page.$('[data-test=self-inspection-finish], [data-test^=save-]')) {
      throw new Error('a finished self-inspection still offers editing');
    }
    await page.click('#tab-gaps');
    await page.waitForSelector('[data-test=gap-table] tr.over-optimistic');
    await settle(page);
    const a5 = await overOptimisticA5(page, '[data-test=gap-table]');
    if (a5.length < 3) throw new Error(`only ${a5.length} over-optimistic A5 rows: ${a5}`);
    const first = (await page.textContent('[data-test=gap-table] tbody tr:first-child [data-test=gap-item]')).trim();
    if (!first.startsWith('A5.')) throw new Error(`the largest gap is ${first}, not an A5 item`);
    await shot(page, 'self-inspections-gaps');

    await page.click('[data-test=menu-dashboard]');
    await page.waitForSelector('[data-test=self-inspection-card] [data-test=card-over-items]', { timeout: 20000 });
    await settle(page);
    const card = await page.$$eval('[data-test=self-inspection-card] [data-test=card-item]', (els) =>
      els.map((e) => e.textContent.trim()),
    );
    if (card.length < 3 || card.length > 5 || !card.every((c) => c.startsWith('A5.'))) {
      throw new Error(`the dashboard card lists ${JSON.stringify(card)}`);
    }
    const mean = (await page.textContent('[data-test=card-mean-gap]')).trim();
    if (!mean.startsWith('+')) throw new Error(`the card's mean gap is ${mean}`);
    await shot(page, 'self-inspections-dashboard-card');
    await page.click('[data-test=self-inspection-card-open]');
    await page.waitForSelector('[data-test=gap-table]');
  });

  test('self-inspections: the office lists every unit and starts, rates and finishes one for 西城区', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-self-inspections]');
    await page.waitForSelector('[data-test=self-inspection-open-HM]');
    await settle(page);
    const units = await page.$$eval('[data-test=self-inspection-unit]', (els) => els.map((e) => e.textContent.trim()));
    if (units.length < 3) throw new Error(`the office lists ${JSON.stringify(units)}`);
    const hmRow = page.locator('[data-test=self-inspection-list] tr', { hasText: '互贸区' });
    const hmGap = (await hmRow.locator('[data-test=self-inspection-mean-gap]').textContent()).trim();
    if (!hmGap.startsWith('+')) throw new Error(`互贸区's mean gap shows ${hmGap}`);
    // Search narrows the list.
    await page.fill(SEARCH, 'HM');
    await page.press(SEARCH, 'Enter');
    await settle(page);
    const found = await page.$$eval('[data-test=self-inspection-unit]', (els) => els.map((e) => e.textContent.trim()));
    if (found.length !== 1 || found[0] !== '互贸区') throw new Error(`searching HM finds ${JSON.stringify(found)}`);
    await page.fill(SEARCH, '');
    await page.press(SEARCH, 'Enter');
    await settle(page);
    await shot(page, 'self-inspections-office-list');

    // Start one for 西城区 through the unit picker.
    await page.click('[data-test=self-inspection-start]');
    await page.click('.el-dialog [data-test=unit-picker]');
    const root = page.locator('.el-select-dropdown .el-tree-node').first();
    await root.locator('.el-tree-node__expand-icon').first().click();
    await page.locator('.el-select-dropdown .el-tree-node__content', { hasText: '西城区' }).first().click();
    await settle(page);
    const started = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/self-inspections$/.test(r.url()),
    );
    await page.click('[data-test=self-inspection-start-confirm]');
    const answer = await started;
    if (answer.status() !== 201) throw new Error(`starting answered ${answer.status()}: ${await answer.text()}`);
    const { items } = await answer.json();
    await page.waitForURL((u) => /^\/self-inspections\/\d+$/.test(u.pathname), { timeout: 10000 });
    await page.waitForSelector('[data-test=self-inspection-finish]');
    await settle(page);

    // A rate for the first field item.
    const item = items.find((i) => i.method === 'field').item;
    await page.fill(`[data-test="rate-${item}"] input`, '0.9');
    await page.press(`[data-test="rate-${item}"] input`, 'Tab');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/items/'));
    await page.click(`[data-test="save-${item}"]`);
    if ((await saved).status() !== 200) throw new Error('saving the rate failed');
    await page.waitForSelector(`[data-test="rate-shown-${item}"]`);
    const shown = (await page.textContent(`[data-test="rate-shown-${item}"]`)).trim();
    if (!shown.startsWith('90.0%')) throw new Error(`the saved rate shows ${shown}`);

    const finished = page.waitForResponse((r) => /\/actions\/finish$/.test(r.url()));
    await page.click('[data-test=self-inspection-finish]');
    await page.click('.el-message-box .el-button--primary');
    if ((await finished).status() !== 200) throw new Error('finishing failed');
    await page.waitForSelector('[data-test=self-inspection-readonly]');
    await settle(page);
    if (await page.$('[data-test=self-inspection-finish], [data-test^=save-]')) {
      throw new Error('the finished self-inspection still offers editing');
    }
    await shot(page, 'self-inspections-finished');
  });
}
