// The console's frame and accounts in the browser: health, sign-in, role menus, dashboard, language,
// sign-out, password errors and locks, user creation, forced password change, the users list's downloads.
import fs from 'node:fs';

// Demo users (civic init --demo) and the menu each role must see, in menu order.
const ROLE_MENUS = [
  {
    user: 'office',
    role: 'office',
    menu: [
      'dashboard',
      'framework',
      'framework-drafts',
      'periods',
      'scores',
      'sites',
      'rounds',
      'questionnaires',
      'statistics-report',
      'statistics-review',
      'materials',
      'penalties',
      'self-inspections',
      'volunteers',
      'activities',
      'practice-stations',
      'selections',
      'reports',
      'cases',
      'workplans',
      'bulletins',
      'channels',
      'units',
    ],
  },
  {
    user: 'leader',
    role: 'leader',
    menu: [
      'dashboard',
      'scores',
      'questionnaires',
      'statistics-review',
      'materials',
      'penalties',
      'self-inspections',
      'activities',
      'practice-stations',
      'selections',
      'reports',
      'cases',
      'workplans',
      'bulletins',
    ],
  },
  {
    user: 'huimao',
    role: 'unit_officer',
    menu: [
      'dashboard',
      'scores',
      'questionnaires',
      'statistics-report',
      'materials',
      'penalties',
      'self-inspections',
      'volunteers',
      'activities',
      'practice-stations',
      'selections',
      'reports',
      'cases',
      'workplans',
      'bulletins',
    ],
  },
  { user: 'inspector1', role: 'inspector', menu: ['my-inspections', 'surveys', 'selections'] },
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
        // An entry's page is /name, or /feature/page for a feature with several (statistics-report).
        const paths = [`/${name}`, `/${name.replace('-', '/')}`];
        await page.waitForURL((u) => paths.includes(u.pathname), { timeout: 10000 });
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

  test("dashboard renders the demo city's totals, the aspect radar and weak items", async ({ session }) => {
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
    // The demo city has scores for its periods (src/demo/evaluation): a number, never the placeholder.
    const total = (await page.textContent('[data-test=stat-total] .stat-value')).trim();
    if (!/^\d+(\.\d+)?$/.test(total)) throw new Error(`the total shows ${JSON.stringify(total)}, not a score`);
    if ((await page.$('[data-test=radar] canvas')) === null) throw new Error(`a total (${total}) but no aspect radar`);
    const weakRows = await page.locator('[data-test=weak-items] .el-table__body tr').count();
    if (weakRows === 0) throw new Error('the demo city has weak items, the table shows none');
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
      [
        'Dashboard',
        'Framework',
        'Framework editor',
        'Periods',
        'Scores',
        'Sites',
        'Rounds',
        'Questionnaires',
        'Report statistics',
        'Review statistics',
        'Materials',
        'Negative list',
        'Self-inspection',
        'Volunteers',
        'Activities',
        'Practice stations',
        'Selections',
        'Work summaries',
        'Cases',
        'Work plans',
        'Bulletins',
        'Push channels',
        'Units',
      ],
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
    session.expectRefusal('POST', 401, /^\/api\/auth\/login$/);
    await signIn(page, 'auditor', 'not-the-password');
    await page.waitForSelector('[data-test=login-error], .el-form-item__error', { timeout: 10000 });
    const text = await page.textContent('.login-card');
    if (!/用户名或密码错误|账户已锁定/.test(text)) throw new Error(`no error message shown; the card says: ${text}`);
    if (new URL(page.url()).pathname !== '/login') throw new Error('left the sign-in page');
    await shot(page, 'login-error');
  });

  test('repeated wrong passwords lock the account; the security admin sees the lock and lifts it', async ({
    session,
  }) => {
    const page = await session.open();
    session.expectRefusal('POST', 401, /^\/api\/auth\/login$/);
    // Five wrong passwords lock inspector5 (AuthPolicy::max_failed_logins). A locked account is answered
    // exactly like a wrong password, so that no one can learn which accounts exist or are locked.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login', { timeout: 10000 }),
        signIn(page, 'inspector5', `wrong-${attempt}`),
      ]);
      if (res.status() !== 401) throw new Error(`attempt ${attempt}: HTTP ${res.status()}, expected 401`);
    }
    const [right] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login', { timeout: 10000 }),
      signIn(page, 'inspector5', h.PASSWORD),
    ]);
    if (right.status() !== 401) throw new Error(`the right password on a locked account answered ${right.status()}`);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.login-card [data-test=login-error], .login-card .el-form-item__error')].some(
          (e) => e.textContent.includes('用户名或密码错误'),
        ),
      undefined,
      { timeout: 10000 },
    );
    if (new URL(page.url()).pathname !== '/login') throw new Error('a locked account left the sign-in page');

    await signedInAs(page, 'security');
    await page.click('[data-test=menu-users]');
    const row = page.locator('.el-table__body-wrapper tr', { hasText: 'inspector5' }).first();
    await row.locator('.el-tag', { hasText: '已锁定' }).waitFor({ timeout: 10000 });
    await shot(page, 'users-locked');
    await row.locator('button', { hasText: '解锁' }).click();
    await page.click('.el-message-box .el-button--primary');
    await row.locator('.el-tag', { hasText: '正常' }).waitFor({ timeout: 10000 });
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signedInAs(page, 'inspector5');
  });

  test('三员分立 in the console: each administrator is offered only what the role-granting rule allows', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'security');
    await page.click('[data-test=menu-users]');
    await page.waitForSelector('.el-table__body-wrapper tr');
    // The audit admin's account is administered only at the console; one's own account by another admin.
    const auditorRow = page.locator('.el-table__body-wrapper tr', { hasText: 'auditor' }).first();
    await auditorRow.getByText('仅可在服务器控制台管理').waitFor({ timeout: 10000 });
    if ((await auditorRow.locator('button').count()) !== 0) throw new Error('buttons on the audit admin row');
    const ownRow = page.locator('.el-table__body-wrapper tr', { hasText: '安全管理员' }).first();
    await ownRow.getByText('本人账户由其他管理员管理').waitFor({ timeout: 10000 });
    // An administrator's password is never reset over the API: no reset button on the system admin's row.
    const adminRow = page.locator('.el-table__body-wrapper tr', { hasText: '系统管理员' }).first();
    if ((await adminRow.locator('[data-test=user-reset-password]').count()) !== 0)
      throw new Error('a reset button on the system admin row');
    // The list downloads as Excel (an XLSX is a zip: PK) and as CSV with the Chinese headings.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=users-export-xlsx]')]);
    const xlsxBytes = fs.readFileSync(await xlsx.path());
    if (xlsx.suggestedFilename() !== 'users.xlsx' || xlsxBytes.subarray(0, 2).toString() !== 'PK')
      throw new Error(`the Excel download is ${xlsx.suggestedFilename()} (${xlsxBytes.length} bytes)`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=users-export-csv]')]);
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    if (!csvText.startsWith('\uFEFF用户名,姓名,所属单位') || !csvText.includes('inspector5'))
      throw new Error(`the CSV download starts ${JSON.stringify(csvText.slice(0, 80))}`);
    // The security admin adds administrators only: the picker offers exactly 系统管理员 and 安全管理员, and
    // the password is the console's.
    await page.click('[data-test=add-user]');
    await page.click('[data-test=user-roles]');
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ timeout: 10000 });
    const offered = (await page.locator('.el-select-dropdown__item:visible').allTextContents()).map((x) => x.trim());
    h.expectEqual(offered, ['系统管理员', '安全管理员'], 'roles the security admin may grant');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=admin-password-hint]');
    await shot(page, 'users-add-admin');
    await page.click('.el-dialog .el-button:has-text("取消")');
    // 安全设置 shows the policy the server enforces; the lock duration is one the security admin may change.
    await page.click('[data-test=menu-security]');
    const policy = page.locator('[data-test=security-settings] tr', { hasText: '账户锁定时长' });
    const minutes = policy.locator('input');
    await minutes.waitFor({ timeout: 10000 });
    if ((await minutes.inputValue()) !== '15') throw new Error(`the lock lasts ${await minutes.inputValue()} minutes`);
    await policy.getByText('分钟').waitFor();
    await shot(page, 'security-settings');
  });

  test('out of role and out of scope say so: the roles a page needs, 不存在或无权访问 with a way back', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    session.expectRefusal('GET', 404, /^\/api\/cases\/[^/]+$/); // another district's case, on purpose
    await signedInAs(page, 'office');
    const other = await page.evaluate(
      async () => (await (await fetch('/api/cases?unit=DC&page_size=1')).json()).items?.[0]?.code,
    );
    if (!other) throw new Error('the demo city has no 东城区 case');
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signedInAs(page, 'huimao');
    // A page of the administrators: the unit officer is told which roles it needs, not sent home silently.
    await page.goto(`${baseUrl}/users`);
    await page.waitForSelector('[data-test=forbidden]', { timeout: 10000 });
    const forbidden = await page.textContent('[data-test=forbidden]');
    if (!forbidden.includes('系统管理员、安全管理员')) throw new Error(`the forbidden page says: ${forbidden}`);
    await shot(page, 'forbidden-users');
    // Another district's case: the same answer as a case that does not exist.
    await page.goto(`${baseUrl}/cases/${encodeURIComponent(other)}`);
    await page.waitForSelector('[data-test=not-found]', { timeout: 10000 });
    const missing = await page.textContent('[data-test=not-found]');
    if (!missing.includes('不存在或无权访问')) throw new Error(`the case page says: ${missing}`);
    await shot(page, 'case-out-of-scope');
    await page.click('[data-test=not-found] .el-button--primary');
    await page.waitForURL((u) => u.pathname === '/dashboard', { timeout: 10000 });
  });

  test('adding a user: a server-side error shows under its field, then the user is created', async ({ session }) => {
    const page = await session.open();
    session.expectRefusal('POST', 400, /^\/api\/users$/); // the unknown unit, on purpose
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
    const row = page.locator('.el-table__body-wrapper tr', { hasText: 'inspector4' }).first();
    await row.locator('button', { hasText: '重置密码' }).click();
    await page.click('.el-message-box .el-button--primary');
    const otp = (await page.locator('[data-test=one-time-password]').textContent({ timeout: 10000 })).trim();
    if (!otp) throw new Error('no one-time password shown');
    await page.click('.el-message-box .el-button--primary');
    await page.click('[data-test=sign-out]');
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(page, 'inspector4', otp);
    await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
    await page.goto(`${session.baseUrl}/dashboard`);
    await page.waitForSelector('[data-test=change-password]', { timeout: 10000 });
    if (new URL(page.url()).pathname !== '/password') throw new Error(`could leave the password page: ${page.url()}`);
    await shot(page, 'password-forced');
    const inputs = page.locator('[data-test=change-password] input');
    await inputs.nth(0).fill(otp);
    await inputs.nth(1).fill('Inspector4#2026new');
    await inputs.nth(2).fill('Inspector4#2026new');
    await page.click('[data-test=change-password] button[type=submit]');
    // An inspector's home is 我的任务, not the dashboard: the change takes them off the password page.
    await page.waitForURL((u) => u.pathname !== '/password', { timeout: 10000 });
    await settle(page);
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user);
    if (me.must_change_password) throw new Error('must_change_password is still set after the change');
  });
}
