// The framework editor (测评体系管理) edits the whole tree in the browser: the office opens a draft of the newest
// version, states the total, adds an item under an indicator with a check, sees the hints as it types (points
// that no longer add up to the stated total, a check that deducts nothing — the server says so too), fixes
// them, removes an item, changes a grade fraction and adds a negative-list type, sees the side-by-side diff
// list all of it, publishes, and finds the new version with the new item in the versions list.

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;
  const field = (name) => `input[data-test="${name}"], [data-test="${name}"] input`;

  test('frameworks: a draft edited across the tree and settings is compared side by side and published', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${session.baseUrl}/framework-drafts`);
    await page.waitForSelector('[data-test=framework-versions] [data-test^=new-draft-]');
    await settle(page);
    const versionBefore = Number(
      (await page.textContent('[data-test=framework-versions] .el-table__body tr td:nth-child(4)')).trim(),
    );
    await page.click('[data-test=framework-versions] [data-test^=new-draft-]');
    await page.waitForURL((u) => /^\/framework-drafts\/\d+$/.test(u.pathname), { timeout: 10000 });
    await page.waitForSelector('[data-test=draft-ok]');
    const total = Number((await page.textContent('[data-test=draft-total]')).trim());

    // Every change is saved after a pause; `edit` waits for that save.
    const edit = async (action) => {
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PUT' && /\/api\/framework-drafts\/\d+$/.test(r.url()),
      );
      await action();
      const answer = await saved;
      if (answer.status() !== 200) throw new Error(`the autosave answered ${answer.status()}`);
      await settle(page);
    };
    const text = async (selector) => (await page.textContent(selector)) ?? '';
    // `selector` comes to hold every text of `wanted` (the autosave and the hints may take a moment).
    const expectText = async (selector, wanted, what) => {
      try {
        await page.waitForFunction(
          ([sel, all]) => {
            const e = document.querySelector(sel);
            return !!e && all.every((w) => e.textContent.includes(w));
          },
          [selector, wanted],
          { timeout: 10000 },
        );
      } catch {
        throw new Error(`${what}: not all of ${wanted.join(' | ')} in ${await text(selector)}`);
      }
    };
    const gone = async (selector, what) => {
      try {
        await page.waitForSelector(selector, { state: 'detached', timeout: 10000 });
      } catch {
        throw new Error(`${what}: ${await text(selector)}`);
      }
    };

    // 体系设置: the stated total is the items' sum, so nothing is hinted yet.
    await page.click('#tab-settings');
    await page.waitForSelector('[data-test=draft-settings]');
    await edit(async () => {
      await page.fill(field('stated-total'), String(total));
      await page.press(field('stated-total'), 'Tab');
    });
    if (await page.$('[data-test=draft-hints]'))
      throw new Error(`hints before any change: ${await text('[data-test=draft-hints]')}`);

    // A new item under A1.1 with the suggested next code, 2 points: the sum is hinted at once, beside the field
    // and in the list.
    await page.click('#tab-edit');
    await edit(async () => {
      await page.click('[data-test="tree-add-A1.1"]');
      await page.waitForSelector('[data-test=draft-node-form]');
      const code = await page.inputValue(field('node-code'));
      if (code !== 'A1.1.4') throw new Error(`the suggested code is ${code}, not A1.1.4`);
      await page.fill(field('node-name'), '公开平台建设（测试）');
      await page.fill('[data-test=item-points] input', '2');
      await page.press('[data-test=item-points] input', 'Tab');
    });
    await page.waitForSelector('[data-test=draft-hints]');
    await expectText('[data-test=draft-hints]', [`各项目分值合计 ${total + 2}`, `标明总分 ${total}`], 'the sum hint');
    await page.waitForSelector('[data-test=draft-problems]'); // the server agrees
    await page.waitForSelector('[data-test="tree-node-A1.1.4"]');

    // Its check: suggested code, a deduction of 0 is hinted beside the field and refused by the server, 1 is fine.
    await edit(async () => {
      await page.click('[data-test=check-add]');
      await page.fill(field('check-text-0'), '平台栏目及时更新');
      await page.fill('[data-test=check-deduct-0] input', '0');
      await page.press('[data-test=check-deduct-0] input', 'Tab');
    });
    const checkCode = await page.inputValue(field('check-code-0'));
    if (checkCode !== 'A1.1.4-1') throw new Error(`the suggested check code is ${checkCode}`);
    await expectText('[data-test=check-deduct-hint-0]', ['扣分须大于 0'], 'the deduction hint');
    await expectText('[data-test=draft-problems]', ['测评标准的扣分须大于 0'], 'the server problem');
    await shot(page, 'frameworks-hints');
    await edit(async () => {
      await page.fill('[data-test=check-deduct-0] input', '1');
      await page.press('[data-test=check-deduct-0] input', 'Tab');
    });
    await gone('[data-test=check-deduct-hint-0]', 'the deduction hint stayed');

    // Remove A1.2.2 (0.75 points) after confirming, then fix the new item's points: the sum is the total again.
    await page.click('[data-test="tree-node-A1.2.2"]');
    const removed = Number(await page.inputValue('[data-test=item-points] input'));
    await edit(async () => {
      await page.click('[data-test="tree-remove-A1.2.2"]');
      await page.click('.el-message-box .el-button--primary');
    });
    await gone('[data-test="tree-node-A1.2.2"]', 'A1.2.2 is still in the tree');
    await page.click('[data-test="tree-node-A1.1.4"]');
    await edit(async () => {
      await page.fill('[data-test=item-points] input', String(removed));
      await page.press('[data-test=item-points] input', 'Tab');
    });
    await page.waitForSelector('[data-test=draft-ok]');
    if (await page.$('[data-test=draft-hints]'))
      throw new Error(`hints left: ${await text('[data-test=draft-hints]')}`);
    if (Number(await text('[data-test=draft-total]')) !== total) throw new Error('the total changed');

    // 体系设置: grade B earns 0.75, and a new negative-list type.
    await page.click('#tab-settings');
    await edit(async () => {
      await page.fill('[data-test=grade-B] input', '0.75');
      await page.press('[data-test=grade-B] input', 'Tab');
      await page.click('[data-test=negative-add]');
      await page.waitForSelector('[data-test=negative-types] .el-table__body tr:last-child input');
      const rows = await page.$$('[data-test=negative-types] .el-table__body tr');
      const last = rows.length - 1;
      await page.fill(field(`negative-name-${last}`), '测评期间发生重大舆情事件（测试）');
      await page.fill(`[data-test=negative-deduct-${last}] input`, '2');
      await page.press(`[data-test=negative-deduct-${last}] input`, 'Tab');
    });
    await page.waitForSelector('[data-test=draft-ok]');
    await shot(page, 'frameworks-settings');

    // The diff, side by side: the new item and check and negative type, the removed item, the grade map.
    await page.click('#tab-diff');
    await page.waitForSelector('[data-test=draft-diff-table]');
    await settle(page);
    await expectText(
      '[data-test=draft-diff]',
      [
        'A1.1.4',
        '公开平台建设（测试）',
        'A1.1.4-1',
        '测评期间发生重大舆情事件（测试）',
        'A1.2.2',
        '等级折算',
        'B 0.8',
        'B 0.75',
      ],
      'the diff',
    );
    const row = await text('[data-test=draft-diff-table] .el-table__body tr:has-text("grades")');
    if (!(row.indexOf('B 0.8') < row.indexOf('B 0.75')))
      throw new Error(`the grade map is not base | draft side by side: ${row}`);
    await shot(page, 'frameworks-diff');

    const published = page.waitForResponse((r) => /\/actions\/publish$/.test(r.url()));
    await page.click('[data-test=draft-publish]');
    await page.click('.el-message-box .el-button--primary');
    const pub = await published;
    if (pub.status() !== 200) throw new Error(`publishing answered ${pub.status()}: ${await pub.text()}`);
    const { version } = await pub.json();
    if (version !== versionBefore + 1) throw new Error(`published as version ${version} after ${versionBefore}`);
    await page.waitForSelector('[data-test=draft-state].el-tag--success');

    // The versions list shows the new version; under its row the new item, not the removed one.
    await page.goto(`${session.baseUrl}/framework-drafts`);
    await page.waitForSelector('[data-test=framework-versions] .el-table__body tr');
    await settle(page);
    const shown = Number(
      (await page.textContent('[data-test=framework-versions] .el-table__body tr td:nth-child(4)')).trim(),
    );
    if (shown !== version) throw new Error(`the versions list shows version ${shown}, not ${version}`);
    await page.click('[data-test=framework-versions] .el-table__expand-icon');
    await page.waitForSelector('[data-test^=version-items-] .el-table__body tr');
    await settle(page);
    const items = await text('[data-test^=version-items-]');
    if (!items.includes('A1.1.4') || !items.includes('公开平台建设（测试）') || items.includes('A1.2.2'))
      throw new Error(`version ${version} does not hold the new item (or still the removed one): ${items}`);
    await shot(page, 'frameworks-published');
  });
}
