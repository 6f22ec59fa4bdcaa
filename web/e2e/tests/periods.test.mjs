// Periods and the framework editor in the browser: the office opens a draft of the shipped framework's
// newest version, changes an item's points (autosaved, no problems), sees the change in the diff, publishes
// it as a new version, creates a period on that version and closes it.

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;

  test('periods: a draft with changed points is published and a period on it is created and closed', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${session.baseUrl}/framework-drafts`);
    await page.waitForSelector('[data-test=framework-versions] [data-test^=new-draft-]');
    await settle(page);
    await shot(page, 'periods-drafts');

    await page.click('[data-test=framework-versions] [data-test^=new-draft-]');
    await page.waitForURL((u) => /^\/framework-drafts\/\d+$/.test(u.pathname), { timeout: 10000 });
    await page.waitForSelector('[data-test=draft-ok]');
    const totalBefore = (await page.textContent('[data-test=draft-total]')).trim();

    // The first item (A1.1.1) gets two more points; the autosave answers with no problems.
    await page.click('[data-test=draft-tree] .el-tree-node__content:has-text("A1.1.1")');
    const points = page.locator('[data-test=item-points] input');
    const before = Number(await points.inputValue());
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && /\/api\/framework-drafts\/\d+$/.test(r.url()),
    );
    await points.fill(String(before + 2));
    await points.press('Tab');
    const answer = await saved;
    if (answer.status() !== 200) throw new Error(`the autosave answered ${answer.status()}`);
    await settle(page);
    await page.waitForSelector('[data-test=draft-ok]');
    const totalAfter = (await page.textContent('[data-test=draft-total]')).trim();
    if (Number(totalAfter) !== Number(totalBefore) + 2) {
      throw new Error(`the total went from ${totalBefore} to ${totalAfter}, not up by 2`);
    }
    await shot(page, 'periods-draft-editor');

    // The diff names the item and its points, old → new.
    await page.click('#tab-diff');
    await page.waitForSelector('[data-test=draft-diff]');
    await settle(page);
    const diff = await page.textContent('[data-test=draft-diff]');
    if (!diff.includes('A1.1.1') || !diff.includes('max_score') || !diff.includes(String(before + 2))) {
      throw new Error(`the diff does not show A1.1.1's points: ${diff}`);
    }
    await shot(page, 'periods-draft-diff');

    const published = page.waitForResponse((r) => /\/actions\/publish$/.test(r.url()));
    await page.click('[data-test=draft-publish]');
    await page.click('.el-message-box .el-button--primary');
    const pub = await published;
    if (pub.status() !== 200) throw new Error(`publishing answered ${pub.status()}`);
    const { version } = await pub.json();
    await page.waitForSelector('[data-test=draft-state].el-tag--success');
    await settle(page);

    // A period on the new version, then closed.
    await page.goto(`${session.baseUrl}/periods`);
    await page.waitForSelector('[data-test=periods-table]');
    await settle(page);
    await page.click('[data-test=period-create]');
    const field = (name) => `input[data-test=${name}], [data-test=${name}] input`;
    await page.fill(field('period-code'), 'E2E27');
    await page.fill(field('period-name'), '2027 年上半年（测试）');
    await page.fill(field('period-start'), '2027-01-01');
    await page.fill(field('period-end'), '2027-06-30');
    await page.fill(field('period-version'), String(version));
    await page.press(field('period-version'), 'Tab');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/periods$/.test(r.url()));
    await page.click('[data-test=period-save]');
    const c = await created;
    if (c.status() !== 201) throw new Error(`creating the period answered ${c.status()}: ${await c.text()}`);
    const body = await c.json();
    if (body.framework.version !== version) throw new Error(`the period is on version ${body.framework.version}`);
    await page.waitForSelector('[data-test=period-state-E2E27]');
    await settle(page);

    await page.click('[data-test=period-close-E2E27]');
    const closed = page.waitForResponse((r) => /\/api\/periods\/E2E27\/actions\/close$/.test(r.url()));
    await page.click('.el-message-box .el-button--primary');
    if ((await closed).status() !== 200) throw new Error('closing the period failed');
    await page.waitForSelector('[data-test=period-reopen-E2E27]');
    await settle(page);
    await shot(page, 'periods-closed');
  });
}
