// Volunteers (志愿者) in the browser against the demo city: a resident registers on the public page at 390 px
// (no sign-in) and gets a code; 互贸区's officer finds the registration pending in 海关社区 and confirms it; the
// registry shows phones and ID numbers masked, and only the office reveals one — in full, with the notice
// that the look was audited (an audit record the auditor can read); the officer creates a 志愿服务队 and adds
// the new volunteer, and the member count follows.
export default function register(test, h) {
  const { signedInAs, settle, shot } = h;

  const field = (name) =>
    [`input[data-test="${name}"]`, `textarea[data-test="${name}"]`, `[data-test="${name}"] input`].join(', ');

  // A valid made-up ID number (check character computed), different per run.
  function idNumber() {
    const serial = String(100 + (Date.now() % 900)).padStart(3, '0');
    const first17 = `33010219900101${serial}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
    return first17 + '10X98765432'[sum % 11];
  }

  test('志愿者: a resident registers at 390 px, the community confirms, the office reveals the ID number (audited), a team takes the volunteer', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    const id = idNumber();
    const phone = `1370000${String(Date.now() % 10000).padStart(4, '0')}`;
    await page.goto(`${baseUrl}/public/join?unit=HM-S01-C01`);
    await page.waitForSelector('[data-test=volunteer-join]');
    await page.fill(field('join-name'), '陈晓燕');
    await page.fill(field('join-phone'), phone);
    await page.fill(field('join-id'), id);
    await page.click('[data-test=join-submit]');
    await page.waitForSelector('[data-test=join-done]');
    const code = (await page.textContent('[data-test=join-code]')).trim();
    if (!code) throw new Error('no volunteer code shown after registering');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the registration page is ${width}px wide on a 390px screen`);
    await shot(page, 'volunteers-join-phone');

    // 互贸区's officer confirms it.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${baseUrl}/login`);
    await signedInAs(page, 'huimao');
    await page.click('[data-test=menu-volunteers]');
    await page.fill(field('volunteers-q'), code);
    await page.click('[data-test=volunteers-search]');
    await page.waitForSelector(`[data-test="volunteer-state-${code}"]:has-text("待确认")`);
    await page.click(`[data-test="volunteer-confirm-${code}"]`);
    await page.waitForSelector(`[data-test="volunteer-state-${code}"]:has-text("已确认")`);
    // The officer sees the data masked and may not reveal it.
    await page.click(`[data-test="volunteer-${code}"]`);
    await page.waitForSelector('[data-test=volunteer-detail]');
    const masked = (await page.textContent('[data-test=volunteer-id]')).trim();
    if (masked === id || !masked.includes('*') || !masked.endsWith(id.slice(-4))) {
      throw new Error(`the officer sees the ID number as ${masked}`);
    }
    if (await page.$('[data-test=reveal-id]')) throw new Error('a unit officer is offered 查看 of the ID number');

    // A team of 海关社区 with the new volunteer.
    await page.keyboard.press('Escape');
    await page.click('.el-tabs__item:has-text("志愿服务队")');
    await page.waitForSelector('[data-test=volunteer-teams]');
    await page.click('[data-test=team-create]');
    const teamName = `文明劝导队${Date.now() % 100000}`;
    await page.fill(field('team-name'), teamName);
    // The unit defaults to the officer's own (互贸区); the volunteer's community is within it.
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/volunteer-teams'),
    );
    await page.click('[data-test=team-create-save]');
    const answer = await created;
    if (answer.status() !== 201)
      throw new Error(`creating the team answered ${answer.status()}: ${await answer.text()}`);
    const team = JSON.parse(await answer.text());
    await page.waitForSelector(`[data-test="team-${team.code}"]`);
    await page.click(`[data-test="team-open-${team.code}"]`);
    await page.fill(field('team-member-code'), code);
    await page.click('[data-test=team-member-add]');
    await page.waitForSelector(`[data-test="team-member-remove-${code}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`[data-test="team-members-${team.code}"]:has-text("1")`);
    await settle(page);
    await shot(page, 'volunteers-team');

    // The office reveals the ID number: in full, with the audit notice.
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 10000 });
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-volunteers]');
    await page.fill(field('volunteers-q'), code);
    await page.click('[data-test=volunteers-search]');
    await page.click(`[data-test="volunteer-${code}"]`);
    await page.click('[data-test=reveal-id]');
    await page.waitForSelector(`[data-test=volunteer-id]:has-text("${id}")`);
    await page.waitForSelector('[data-test=reveal-audited]');
    await shot(page, 'volunteers-revealed');
  });
}
