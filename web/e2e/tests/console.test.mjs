// The console's frame and accounts in the browser: health, sign-in, role menus, dashboard, language,
// sign-out, password errors and locks, user creation, forced password change.

// Demo users (civic init --demo) and the menu each role must see, in menu order.
const ROLE_MENUS = [
  {
    user: 'office',
    role: 'office',
    menu: ['dashboard', 'framework', 'scores', 'sites', 'rounds', 'cases', 'workplans', 'units'],
  },
  { user: 'leader', role: 'leader', menu: ['dashboard', 'scores', 'cases', 'workplans'] },
  { user: 'huimao', role: 'unit_officer', menu: ['dashboard', 'scores', 'cases', 'workplans'] },
  { user: 'inspector1', role: 'inspector', menu: ['my-inspections'] },
  { user: 'admin', role: 'system_admin', menu: ['units', 'users'] },
  { user: 'security', role: 'security_admin', menu: ['users', 'security'] },
  { user: 'auditor', role: 'audit_admin', menu: ['audit'] },
];

export default function register(test, h) {
  const { signIn, signedInAs, settle, shot, expectEqual, menuNames, menuTexts } = h;

  test('health answers ok', async ({ baseUrl }) => {
    const res = await fetch(`${baseUrl}/api/health`);
    const body = await res.json();
    if (body.status !== 'ok') throw new Error(`status is ${JSON.stringify(body.status)}`);
  });

  test('signed-out visit to /dashboard lands on sign-in', async ({ session, baseUrl }) => {
    const page = await session.open();
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=login-submit]');
    const url = new URL(page.url());
    if (url.pathname !== '/login') throw new Error(`landed on ${url.pathname}`);
    await shot(page, 'login');
  });

  for (const r of ROLE_MENUS) {
    test(`${r.user} (${r.role}) sees exactly the ${r.role} menu and its pages open`, async ({ session }) => {
      const page = await session.open();
      await signedInAs(page, r.user);
      expectEqual(await menuNames(page), r.menu, 'menu');
      const shown = (await page.textContent('[data-test=header-user]'))?.trim();
      if (!shown) throw new Error('the header shows no user name');
      for (const name of r.menu) {
        await page.click(`[data-test=menu-${name}]`);
        await page.waitForURL((u) => u.pathname === `/${name}`, { timeout: 10000 });
        await settle(page);
        await shot(page, `${r.user}-${name}`);
      }
    });
  }

  test("the inspector's page fits a phone screen", async ({ session }) => {
    const page = await session.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signedInAs(page, 'inspector1');
    await page.waitForSelector('[data-test=my-inspections]');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the page is ${width}px wide on a 390px screen`);
    await shot(page, 'inspector1-phone');
  });

  test('dashboard renders totals, charts or "no data", and weak items', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-dashboard]');
    await page.waitForSelector('[data-test=dashboard]');
    await settle(page);
    for (const sel of [
      '[data-test=stat-total]',
      '[data-test=stat-rate]',
      '[data-test=stat-coverage]',
      '[data-test=weak-items]',
    ]) {
      if (!(await page.isVisible(sel))) throw new Error(`${sel} is not visible`);
    }
    const total = (await page.textContent('[data-test=stat-total] .stat-value')).trim();
    const hasRadar = (await page.$('[data-test=radar] canvas')) !== null;
    if (total !== '—' && !hasRadar) throw new Error(`a total (${total}) is shown but no aspect radar`);
    if (total === '—' && !(await page.textContent('[data-test=dashboard]')).includes('暂无数据')) {
      throw new Error('no score and no "暂无数据" placeholder');
    }
    await shot(page, 'dashboard');
  });

  test('language switch turns the menu to English and persists', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const before = await menuTexts(page);
    if (!before.includes('驾驶舱')) throw new Error(`Chinese menu expected, got ${JSON.stringify(before)}`);
    await page.click('[data-test=lang-switch]');
    await page.click('[data-test=lang-en]');
    await page.waitForFunction(() =>
      document.querySelector('[data-test=menu-dashboard]')?.textContent.includes('Dashboard'),
    );
    expectEqual(
      await menuTexts(page),
      ['Dashboard', 'Framework', 'Scores', 'Sites', 'Rounds', 'Cases', 'Work plans', 'Units'],
      'English menu',
    );
    await page.reload();
    await page.waitForSelector('[data-test=menu-dashboard]');
    await settle(page);
    const after = (await page.textContent('[data-test=menu-dashboard]')).trim();
    if (after !== 'Dashboard') throw new Error(`after reload the menu says ${after}`);
    await shot(page, 'dashboard-en');
  });

  test('sign-out returns to sign-in and the session is gone', async ({ session, baseUrl }) => {
    const page = await session.open();
    await signedInAs(page, 'leader');
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 10000 });
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=login-submit]');
  });

  test('wrong password shows the error', async ({ session }) => {
    const page = await session.open();
    await signIn(page, 'auditor', 'not-the-password');
    await page.waitForSelector('[data-test=login-error], .el-form-item__error', { timeout: 10000 });
    const text = await page.textContent('.login-card');
    if (!/用户名或密码错误|账户已锁定/.test(text)) throw new Error(`no error message shown; the card says: ${text}`);
    if (new URL(page.url()).pathname !== '/login') throw new Error('left the sign-in page');
    await shot(page, 'login-error');
  });

  test('repeated wrong passwords lock the account and the lock message shows', async ({ session }) => {
    const page = await session.open();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login', { timeout: 10000 }),
        signIn(page, 'inspector5', `wrong-${attempt}`),
      ]);
      if (res.status() === 429) {
        await page.waitForFunction(
          () => document.querySelector('[data-test=login-error]')?.textContent.includes('账户已锁定，请15分钟后再试'),
          undefined,
          { timeout: 10000 },
        );
        await shot(page, 'login-locked');
        return;
      }
      if (res.status() !== 401) throw new Error(`attempt ${attempt}: HTTP ${res.status()}, expected 401 or 429`);
    }
    throw new Error('10 wrong passwords in a row never locked the account');
  });

  test('adding a user: a server-side error shows under its field, then the user is created', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'admin');
    const unitCode = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user.unit.code);
    await page.click('[data-test=menu-users]');
    await page.waitForSelector('[data-test=add-user]');
    await page.click('[data-test=add-user]');
    const username = `e2e${Date.now() % 1000000}`;
    await page.fill('input[data-test=user-username]', username);
    await page.fill('input[data-test=user-display-name]', '测试用户');
    await page.fill('input[data-test=user-unit]', 'NO-SUCH-UNIT');
    await page.click('[data-test=user-roles]');
    await page.click('.el-select-dropdown__item:visible >> nth=0');
    await page.keyboard.press('Escape');
    await page.click('[data-test=user-save]');
    const unitItem = page.locator('.el-dialog .el-form-item', { has: page.locator('input[data-test=user-unit]') });
    await unitItem.locator('.el-form-item__error').waitFor({ timeout: 10000 });
    await shot(page, 'user-add-error');
    await page.fill('input[data-test=user-unit]', unitCode);
    await page.click('[data-test=user-save]');
    await page.waitForSelector('[data-test=one-time-password]', { timeout: 10000 });
    await page.click('.el-message-box .el-button--primary');
    await page.locator('.el-table__body-wrapper tr', { hasText: username }).first().waitFor({ timeout: 10000 });
  });

  test('a reset password must be changed before anything else', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'security');
    await page.click('[data-test=menu-users]');
    const row = page.locator('.el-table__body-wrapper tr', { hasText: 'jiedao' }).first();
    await row.locator('button', { hasText: '重置密码' }).click();
    await page.click('.el-message-box .el-button--primary');
    const otp = (await page.locator('[data-test=one-time-password]').textContent({ timeout: 10000 })).trim();
    if (!otp) throw new Error('no one-time password shown');
    await page.click('.el-message-box .el-button--primary');
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(page, 'jiedao', otp);
    await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
    await page.goto(`${session.baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
    if (new URL(page.url()).pathname !== '/password') throw new Error(`could leave the password page: ${page.url()}`);
    await shot(page, 'password-forced');
    const inputs = page.locator('[data-test=change-password] input');
    await inputs.nth(0).fill(otp);
    await inputs.nth(1).fill('Jiedao#2026new');
    await inputs.nth(2).fill('Jiedao#2026new');
    await page.click('[data-test=change-password] button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/dashboard', { timeout: 10000 });
    await settle(page);
    // Later modules sign in as jiedao with the demo password: give it back.
    const status = await page.evaluate(async (pw) => {
      const res = await fetch('/api/me/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('civic.csrf') },
        body: JSON.stringify({ old_password: 'Jiedao#2026new', new_password: pw }),
      });
      return `${res.status} ${res.ok ? '' : await res.text()}`;
    }, h.PASSWORD);
    if (!status.startsWith('2')) throw new Error(`could not restore jiedao's demo password: ${status}`);
  });
}
