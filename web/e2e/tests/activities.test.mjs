// Activities (活动) in the browser against the demo city: the office creates an activity in the create dialog
// and finds it in the list (title search, XLSX export), on the calendar and in the report; a confirmed demo
// volunteer signs up, checks in and checks out on the public phone page at 390 px (with the phone's GPS), the
// office corrects the record's times in the drawer and approves it, and the hours show there and in the
// volunteer's total; the service certificate downloads as a PDF from the volunteers drawer and its
// verification code verifies on the public page. Also: a 文明实践 station created on its page counts the
// activities held at it; a volunteer signed up in the drawer who checks in without a position waits for 确认位置
// before the record can be decided; and a leader reads activities without the manager's QR link and actions.
import fs from 'node:fs';
import { readXlsx } from '../xlsx.mjs';

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;

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

  // An el-input's native field: Element Plus puts data-test on the <input> / <textarea> itself (an
  // el-input-number or a wrapper keeps it outside).
  const field = (name) =>
    [
      `input[data-test="${name}"]`,
      `textarea[data-test="${name}"]`,
      `[data-test="${name}"] input`,
      `[data-test="${name}"] textarea`,
    ].join(', ');

  // A time as the date pickers take it (format YYYY-MM-DD HH:mm, the browser's time zone = this machine's).
  const pad = (n) => String(n).padStart(2, '0');
  const pickerText = (d) =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  // Today at hh:mm in this machine's time zone, or now ± minutes, on a whole minute.
  const todayAt = (hh, mm = 0) => {
    const d = new Date();
    d.setHours(hh, mm, 0, 0);
    return d;
  };
  const minutesFromNow = (m) => {
    const d = new Date(Date.now() + m * 60000);
    d.setSeconds(0, 0);
    return d;
  };

  async function pickTime(page, wrapper, date) {
    const input = page.locator(field(wrapper)).first();
    await input.click();
    await input.fill(pickerText(date));
    await input.press('Enter');
  }

  async function noHorizontalScroll(page, what) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`${what} is ${width}px wide on a 390px screen`);
  }

  const officeUnit = async (page) => (await call(page, 'GET', '/api/me')).body.user.unit.code;

  async function createByApi(page, body) {
    const r = await call(page, 'POST', '/api/activities', body);
    if (r.status !== 201) throw new Error(`creating an activity answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  test('活动: the office creates an activity in the dialog and sees it in the list, the export, the calendar and the report', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-activities]');
    await page.waitForSelector('[data-test=activity-list]');
    await settle(page);

    const title = `E2E 志愿服务日 ${Date.now() % 100000}`;
    await page.click('[data-test=activity-create]');
    await page.waitForSelector(field('activity-title'));
    await page.fill(field('activity-title'), title);
    await pickTime(page, 'activity-starts', todayAt(9));
    await pickTime(page, 'activity-ends', todayAt(11, 30));
    await page.fill(field('activity-place'), '人民广场');
    await page.fill(field('activity-latitude'), '39.9042');
    await page.fill(field('activity-longitude'), '116.4074');
    await page.fill(field('activity-capacity'), '30');
    await page.press(field('activity-capacity'), 'Tab');
    await page.fill(field('activity-description'), '清扫广场、劝导不文明行为');
    await shot(page, 'activities-create');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/activities$/.test(r.url()));
    await page.click('[data-test=activity-create-save]');
    const created = await answer;
    if (created.status() !== 201) throw new Error(`creating answered ${created.status()}: ${await created.text()}`);
    const activity = await created.json();
    if (activity.title !== title || activity.type !== '志愿服务' || activity.capacity !== 30) {
      throw new Error(`the server stored ${JSON.stringify(activity)}`);
    }
    if (new Date(activity.ends_at) - new Date(activity.starts_at) !== 2.5 * 3600 * 1000) {
      throw new Error(`the activity runs ${activity.starts_at} – ${activity.ends_at}, not 2.5 h`);
    }

    // The drawer opens on the new activity with its check-in link and QR code.
    await page.waitForSelector('[data-test=activity-detail-code]');
    const code = (await page.textContent('[data-test=activity-detail-code]')).trim();
    if (code !== activity.code) throw new Error(`the drawer shows ${code}, created ${activity.code}`);
    const link = await page.inputValue(field('activity-qr-link'));
    const url = new URL(link);
    if (url.pathname !== `/public/activity/${code}` || url.searchParams.get('t') !== activity.qr_token) {
      throw new Error(`the check-in link is ${link}`);
    }
    await page.waitForSelector('[data-test=activity-qr] canvas');
    await shot(page, 'activities-drawer-new');
    await page.click('.el-drawer__close-btn');
    await settle(page);

    // The list, and the title search narrowing it to this one.
    await page.waitForSelector(`[data-test="activity-${code}"]`);
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await settle(page);
    const rows = await page.$$eval('[data-test=activity-list] .el-table__body tr', (els) => els.length);
    if (rows !== 1) throw new Error(`searching the title lists ${rows} rows`);
    const signups = (await page.textContent(`[data-test="activity-signups-${code}"]`)).trim();
    if (signups !== '0') throw new Error(`a new activity shows ${signups} sign-ups`);
    await shot(page, 'activities-list');

    // The export: the same filtered list, the title search included — this activity alone.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=activities-export-xlsx]'),
    ]);
    const sheet = readXlsx(fs.readFileSync(await download.path()));
    if (sheet[0][0] !== '编号' || sheet[0][4] !== '标题') throw new Error(`the sheet's headings are ${sheet[0]}`);
    const line = sheet.find((r) => r[0] === code);
    if (!line || line[4] !== title) throw new Error(`the sheet lacks ${code}`);
    if (sheet.length !== 2) throw new Error(`the searched sheet has ${sheet.length - 1} rows, not 1`);

    // The calendar: this month of the office's unit shows it on today; clicking opens it.
    await page.click('#tab-calendar');
    await page.waitForSelector(`[data-test="calendar-activity-${code}"]`, { timeout: 10000 });
    await shot(page, 'activities-calendar');
    await page.click(`[data-test="calendar-activity-${code}"]`);
    await page.waitForSelector('[data-test=activity-detail-title]');
    const shownTitle = (await page.textContent('[data-test=activity-detail-title]')).trim();
    if (shownTitle !== title) throw new Error(`the calendar opened ${shownTitle}`);
    await page.click('.el-drawer__close-btn');
    await settle(page);

    // The report of a stored period that covers today counts it for the organiser unit.
    const periods = (await call(page, 'GET', '/api/periods?page_size=200')).body.items ?? [];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const running = periods.find((p) => p.start <= today && today <= p.end);
    await page.click('#tab-report');
    await page.waitForSelector('[data-test=activity-report-table]');
    if (running) {
      await page.click('[data-test=activity-report] [data-test=period-picker]');
      await page.locator('.el-select-dropdown__item:visible', { hasText: running.code }).first().click();
      await page.waitForSelector(`[data-test="report-activities-${activity.unit}"]`, { timeout: 10000 });
      const report = (await call(page, 'GET', `/api/activities/report?period=${running.code}`)).body;
      const row = report.units.find((u) => u.unit === activity.unit);
      const shown = (await page.textContent(`[data-test="report-activities-${activity.unit}"]`)).trim();
      if (!row || row.activities < 1 || shown !== String(row.activities)) {
        throw new Error(`the report shows ${shown} activities for ${activity.unit}, the API ${JSON.stringify(row)}`);
      }
    }
    await shot(page, 'activities-report');
  });

  test('活动: a volunteer signs up and checks in and out on the phone; the office corrects and approves; the certificate verifies', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    // A confirmed demo volunteer: the list masks the phone but keeps its last four digits (138****1234).
    const volunteers = (await call(page, 'GET', '/api/volunteers?state=confirmed&page_size=5')).body.items ?? [];
    const volunteer = volunteers.find((v) => /\d{4}$/.test(v.phone));
    if (!volunteer) throw new Error(`no confirmed demo volunteer with a masked phone: ${JSON.stringify(volunteers)}`);
    const last4 = volunteer.phone.slice(-4);
    const hoursBefore = volunteer.hours;

    const title = `E2E 扫码签到 ${Date.now() % 100000}`;
    const starts = minutesFromNow(-60);
    const ends = minutesFromNow(60);
    const activity = await createByApi(page, {
      unit: await officeUnit(page),
      type: '环境整治',
      title,
      starts_at: starts.toISOString(),
      ends_at: ends.toISOString(),
      place: '东湖公园',
      latitude: 39.9042,
      longitude: 116.4074,
      capacity: 10,
    });

    // The phone: no session, 390 px wide, the GPS a few dozen metres from the place.
    await session.context.clearCookies();
    await session.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session.context.setGeolocation({ latitude: 39.9045, longitude: 116.4071, accuracy: 10 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/activity/${activity.code}?t=${activity.qr_token}`);
    await page.waitForSelector('[data-test=activity-phone]');
    await page.fill(field('phone-volunteer'), volunteer.code);
    await page.fill(field('phone-last4'), last4);
    await page.click('[data-test=phone-sign-up]');
    await page.waitForSelector('[data-test=phone-done-sign-up]', { timeout: 10000 });
    await noHorizontalScroll(page, 'the check-in page');
    await shot(page, 'activities-phone-signed-up');

    const checkIn = page.waitForResponse((r) => /\/api\/public\/activities\/[^/]+\/check-in$/.test(r.url()));
    await page.click('[data-test=phone-check-in]');
    const inAnswer = await checkIn;
    if (inAnswer.status() !== 200) throw new Error(`check-in answered ${inAnswer.status()}: ${await inAnswer.text()}`);
    const inRecord = await inAnswer.json();
    if (inRecord.latitude === null || inRecord.needs_confirmation) {
      throw new Error(`the check-in near the place stored ${JSON.stringify(inRecord)}`);
    }
    await page.waitForSelector('[data-test=phone-done-check-in]');
    if (await page.$('[data-test=phone-needs-confirmation]')) throw new Error('a near check-in needs confirmation');
    await page.waitForTimeout(1000);
    await page.click('[data-test=phone-check-out]');
    await page.waitForSelector('[data-test=phone-done-check-out]', { timeout: 15000 });
    await noHorizontalScroll(page, 'the check-in page');
    await shot(page, 'activities-phone-checked-out');
    await session.context.clearPermissions();

    // The office: the record is pending with 0 h (a second's stay); a correction to the activity's two hours is a
    // new pending version, which the office approves.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${baseUrl}/login`);
    await page.waitForSelector('[data-test=login-submit]');
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-activities]');
    await page.waitForSelector('[data-test=activity-list]');
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await page.waitForSelector(`[data-test="activity-${activity.code}"]`);
    await page.click(`[data-test="activity-${activity.code}"]`);
    const v = volunteer.code;
    await page.waitForSelector(`[data-test="record-state-${v}-v1"]`);
    const state1 = (await page.textContent(`[data-test="record-state-${v}-v1"]`)).trim();
    const hours1 = (await page.textContent(`[data-test="record-hours-${v}-v1"]`)).trim();
    if (state1 !== '待审核' || hours1 !== '0') throw new Error(`the phone's record shows ${state1}, ${hours1} h`);
    await shot(page, 'activities-drawer-pending');

    await page.click(`[data-test="record-correct-${v}"]`);
    await page.waitForSelector(field('correct-reason'));
    await pickTime(page, 'correct-check-in', starts);
    await pickTime(page, 'correct-check-out', ends);
    await page.fill(field('correct-reason'), '签退时手机没电，按现场签到表更正');
    const corrected = page.waitForResponse((r) => /\/api\/service-records\/\d+\/actions\/correct$/.test(r.url()));
    await page.click('[data-test=correct-save]');
    const correctedAnswer = await corrected;
    if (correctedAnswer.status() !== 201) {
      throw new Error(`correcting answered ${correctedAnswer.status()}: ${await correctedAnswer.text()}`);
    }
    await page.waitForSelector(`[data-test="record-state-${v}-v2"]`);
    const hours2 = (await page.textContent(`[data-test="record-hours-${v}-v2"]`)).trim();
    if (hours2 !== '2') throw new Error(`the corrected record shows ${hours2} h`);
    // The old version is kept, shown on asking.
    if (await page.$(`[data-test="record-state-${v}-v1"]`)) throw new Error('the corrected version is still listed');
    await page.click('[data-test=records-history]');
    await page.waitForSelector(`[data-test="record-state-${v}-v1"]`);

    const approved = page.waitForResponse((r) => /\/actions\/approve-records$/.test(r.url()));
    await page.click(`[data-test="record-approve-${v}"]`);
    if ((await approved).status() !== 200) throw new Error('approving failed');
    await page.waitForSelector(`[data-test="record-state-${v}-v2"]:has-text("已通过")`);
    const hoursShown = (await page.textContent(`[data-test="record-hours-${v}-v2"]`)).trim();
    if (hoursShown !== '2') throw new Error(`the approved record shows ${hoursShown} h`);
    await shot(page, 'activities-drawer-approved');
    await page.click('.el-drawer__close-btn');

    // The volunteer's total grew by the two hours; the certificate downloads as a PDF with its verification code.
    await page.click('[data-test=menu-volunteers]');
    await page.waitForSelector('[data-test=volunteer-list]');
    await page.fill(field('volunteers-q'), v);
    await page.press(field('volunteers-q'), 'Enter');
    await page.waitForSelector(`[data-test="volunteer-${v}"]`);
    await settle(page);
    const after = (await call(page, 'GET', `/api/volunteers/${v}`)).body;
    if (after.hours !== hoursBefore + 2) throw new Error(`the volunteer has ${after.hours} h, had ${hoursBefore}`);
    await page.click(`[data-test="volunteer-${v}"]`);
    await page.waitForSelector('[data-test=volunteer-certificate]');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=volunteer-certificate]')]);
    const bytes = fs.readFileSync(await pdf.path());
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the certificate is not a PDF');
    await page.waitForSelector('[data-test=certificate-verification-code]');
    const verification = (await page.textContent('[data-test=certificate-verification-code]')).trim();
    if (!verification) throw new Error('no verification code shown');
    await shot(page, 'activities-certificate-issued');

    // The public verification page, signed out, on the phone.
    await session.context.clearCookies();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/certificate/${verification}`);
    await page.waitForSelector('[data-test=certificate-valid]', { timeout: 10000 });
    const name = (await page.textContent('[data-test=certificate-name]')).trim();
    if (!name.includes('*')) throw new Error(`the verified name ${name} is not masked`);
    const certified = Number((await page.textContent('[data-test=certificate-hours]')).trim());
    if (certified !== after.hours)
      throw new Error(`the certificate verifies ${certified} h, the volunteer has ${after.hours}`);
    const titles = await page.$$eval('[data-test=certificate-record] .card-title', (els) =>
      els.map((e) => e.textContent.trim()),
    );
    if (!titles.includes(title)) throw new Error(`the certified records are ${JSON.stringify(titles)}`);
    await noHorizontalScroll(page, 'the certificate page');
    await shot(page, 'activities-certificate-verified');

    // An unknown code says so.
    session.expectRefusal('GET', 404, /^\/api\/public\/certificates\//);
    await page.goto(`${baseUrl}/public/certificate/NO-SUCH-CODE`);
    await page.waitForSelector('[data-test=certificate-not-found]');
  });

  test('活动: the organiser signs a volunteer up in the drawer; a check-in without a position waits for 确认位置', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const volunteers = (await call(page, 'GET', '/api/volunteers?state=confirmed&page_size=5')).body.items ?? [];
    const volunteer = volunteers.filter((v) => /\d{4}$/.test(v.phone))[1];
    if (!volunteer) throw new Error('no second confirmed demo volunteer');
    const title = `E2E 无定位签到 ${Date.now() % 100000}`;
    const activity = await createByApi(page, {
      unit: await officeUnit(page),
      type: '文体',
      title,
      starts_at: minutesFromNow(-30).toISOString(),
      ends_at: minutesFromNow(90).toISOString(),
      place: '体育馆',
      latitude: 39.9,
      longitude: 116.4,
    });
    await page.click('[data-test=menu-activities]');
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await page.click(`[data-test="activity-${activity.code}"]`);
    await page.waitForSelector('[data-test=activity-detail-title]');
    await page.fill(field('activity-enroll-code'), volunteer.code);
    const enrolled = page.waitForResponse((r) => /\/actions\/sign-up$/.test(r.url()));
    await page.click('[data-test=activity-enroll]');
    if ((await enrolled).status() !== 200) throw new Error('signing up in the drawer failed');
    await page.waitForSelector(`[data-test="signup-check-in-${volunteer.code}"]`);

    // The phone, signed out and without a position (no permission granted).
    await session.context.clearCookies();
    await session.context.clearPermissions();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/public/activity/${activity.code}?t=${activity.qr_token}`);
    await page.fill(field('phone-volunteer'), volunteer.code);
    await page.fill(field('phone-last4'), volunteer.phone.slice(-4));
    await page.click('[data-test=phone-check-in]');
    await page.waitForSelector('[data-test=phone-done-check-in]', { timeout: 20000 });
    await page.waitForSelector('[data-test=phone-needs-confirmation]');
    await page.click('[data-test=phone-check-out]');
    await page.waitForSelector('[data-test=phone-done-check-out]', { timeout: 20000 });
    await noHorizontalScroll(page, 'the check-in page');
    await shot(page, 'activities-phone-no-position');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${baseUrl}/login`);
    await page.waitForSelector('[data-test=login-submit]');
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-activities]');
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await page.click(`[data-test="activity-${activity.code}"]`);
    const v = volunteer.code;
    await page.waitForSelector(`[data-test="record-needs-${v}-v1"]`);
    // Not approvable until the position is confirmed.
    if (await page.$(`[data-test="record-approve-${v}"]`)) throw new Error('a far record is offered 通过');
    const confirmed = page.waitForResponse((r) => /\/actions\/approve-records$/.test(r.url()));
    await page.click(`[data-test="record-confirm-${v}"]`);
    const answer = await confirmed;
    if (answer.status() !== 200 || JSON.parse(answer.request().postData()).decision !== 'confirm') {
      throw new Error(`confirming answered ${answer.status()}`);
    }
    await page.waitForSelector(`[data-test="record-approve-${v}"]`);
    // The tag leaves with its transition.
    await page.waitForSelector(`[data-test="record-needs-${v}-v1"]`, { state: 'detached', timeout: 5000 });
    // A rejection needs its reason: the box refuses an empty one, then the reason stays with the record.
    await page.click(`[data-test="record-reject-${v}"]`);
    await page.click('.el-message-box .el-button--primary');
    await page.waitForSelector('.el-message-box__errormsg:has-text("请填写驳回原因")');
    await page.fill('.el-message-box input', '未到岗');
    await page.click('.el-message-box .el-button--primary');
    await page.waitForSelector(`[data-test="record-state-${v}-v1"]:has-text("已驳回")`);
    await page.waitForSelector(`[data-test="record-reason-${v}-v1"]:has-text("未到岗")`);
    await shot(page, 'activities-drawer-rejected');
  });

  test('活动: the office edits an activity in the drawer, cancels it with a reason, and downloads the national sheet', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const title = `改期测试${Date.now() % 100000}`;
    const activity = await createByApi(page, {
      unit: await officeUnit(page),
      type: '宣传',
      title,
      starts_at: minutesFromNow(60).toISOString(),
      ends_at: minutesFromNow(120).toISOString(),
      place: '文化广场',
    });
    await page.click('[data-test=menu-activities]');
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await page.click(`[data-test="activity-${activity.code}"]`);
    await page.waitForSelector('[data-test=activity-detail-title]');
    await page.click('[data-test=activity-edit]');
    await page.waitForSelector('[data-test=activity-edit-unit]');
    await page.fill(field('activity-title'), `${title}（改）`);
    await page.fill(field('activity-news-link'), 'https://news.example.cn/a/1');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/activities/'));
    await page.click('[data-test=activity-create-save]');
    const put = await saved;
    if (put.status() !== 200) throw new Error(`the edit answered ${put.status()}: ${await put.text()}`);
    if (JSON.parse(put.request().postData()).version !== 1) throw new Error('the edit did not send the version read');
    await page.waitForSelector(`[data-test=activity-detail-title]:has-text("${title}（改）")`);
    const stored = (await call(page, 'GET', `/api/activities/${activity.code}`)).body;
    if (stored.version !== 2 || stored.news_link !== 'https://news.example.cn/a/1') {
      throw new Error(`after the edit the activity is ${JSON.stringify(stored)}`);
    }
    await shot(page, 'activities-edited');

    await page.click('[data-test=activity-cancel]');
    await page.fill('.el-message-box input', '暴雨预警，活动延期');
    await page.click('.el-message-box .el-button--primary');
    await page.waitForSelector('[data-test=activity-cancel-reason]:has-text("暴雨预警")');
    if (await page.$('[data-test=activity-edit]')) throw new Error('a cancelled activity still offers 编辑');
    const after = (await call(page, 'GET', `/api/activities/${activity.code}`)).body;
    if (after.state !== 'cancelled') throw new Error(`the activity is ${after.state}`);
    await shot(page, 'activities-cancelled');

    // The national sheet: the office, for a period (the demo's 2026H1 has approved records).
    await page.click('.el-drawer__close-btn');
    await page.waitForSelector('[data-test=activity-detail]', { state: 'hidden' });
    await page.click('[data-test=activities-period]');
    await page.click('.el-select-dropdown__item:visible:has-text("2026H1")');
    const link = page.locator('[data-test=activities-national-sheet]');
    const href = await link.getAttribute('href');
    if (!href || !href.includes('/api/service-records/export?') || !href.includes('period=2026H1')) {
      throw new Error(`the national sheet link is ${href}`);
    }
    const sheet = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, href);
    if (sheet.status !== 200) throw new Error(`the national sheet answered ${sheet.status}`);
    const rows = readXlsx(Buffer.from(sheet.bytes));
    if (rows[0][3] !== '证件号码' || rows.length < 2)
      throw new Error(`the sheet starts ${JSON.stringify(rows.slice(0, 2))}`);
    if (!/^\d{17}[\dX]$/.test(rows[1][3])) throw new Error(`an ID number in the sheet is ${rows[1][3]}`);
  });

  test('活动: a 文明实践 station created on its page counts the activities held there', async ({ session }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.click('[data-test=menu-practice-stations]');
    await page.waitForSelector('[data-test=station-list]');
    await settle(page);
    const code = `E2E-ST-${Date.now() % 100000}`;
    await page.click('[data-test=station-create]');
    await page.fill(field('station-code'), code);
    await page.fill(field('station-name'), 'E2E 新时代文明实践所');
    await page.click('[data-test=station-level] label:has-text("所")');
    await page.fill(field('station-address'), '文明路 1 号');
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/practice-stations$/.test(r.url()),
    );
    await page.click('[data-test=station-create-save]');
    const created = await answer;
    if (created.status() !== 201) throw new Error(`creating answered ${created.status()}: ${await created.text()}`);
    if ((await created.json()).level !== 'institute') throw new Error('the station is not an institute');
    await page.waitForSelector(`[data-test="station-${code}"]`);
    const before = (await page.textContent(`[data-test="station-activities-${code}"]`)).trim();
    if (before !== '0') throw new Error(`a new station shows ${before} activities`);

    await createByApi(page, {
      unit: await officeUnit(page),
      type: '文明实践',
      title: `E2E 阵地活动 ${Date.now() % 100000}`,
      starts_at: minutesFromNow(60).toISOString(),
      ends_at: minutesFromNow(120).toISOString(),
      station: code,
    });
    await page.reload();
    await page.waitForSelector(`[data-test="station-${code}"]`);
    await settle(page);
    const counted = (await page.textContent(`[data-test="station-activities-${code}"]`)).trim();
    if (counted !== '1') throw new Error(`the station counts ${counted} activities after one was held there`);
    await shot(page, 'activities-stations');
  });

  test('活动: a leader reads activities without the QR link and the organiser actions', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const title = `E2E 领导查看 ${Date.now() % 100000}`;
    const activity = await createByApi(page, {
      unit: await officeUnit(page),
      type: '宣传',
      title,
      starts_at: minutesFromNow(30).toISOString(),
      ends_at: minutesFromNow(90).toISOString(),
    });
    await session.context.clearCookies();
    await page.goto(`${baseUrl}/login`);
    await page.waitForSelector('[data-test=login-submit]');
    await signedInAs(page, 'leader');
    await page.click('[data-test=menu-activities]');
    await page.waitForSelector('[data-test=activity-list]');
    if (await page.$('[data-test=activity-create]')) throw new Error('the leader is offered 新建活动');
    await page.fill(field('activities-q'), title);
    await page.press(field('activities-q'), 'Enter');
    await page.waitForSelector(`[data-test="activity-${activity.code}"]`);
    await page.click(`[data-test="activity-${activity.code}"]`);
    await page.waitForSelector('[data-test=activity-detail-title]');
    await settle(page);
    if (await page.$('[data-test=activity-qr-link], [data-test=activity-enroll]')) {
      throw new Error('the leader sees the QR link or the sign-up box');
    }
    await shot(page, 'activities-leader-drawer');
  });
}
