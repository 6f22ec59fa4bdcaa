// Evidence in the browser: the office records a negative-list event with an evidence file (the shared file
// picker) and finds the file by its name in the event's detail; and the statistics batch entry: the template
// downloads, a workbook with bad rows is refused with every row, column and problem listed in Chinese and
// nothing saved, and the corrected workbook is imported and submitted.
import fs from 'node:fs';
import { xlsxOf, XLSX_MIME } from '../xlsx.mjs';

const PERIOD = '2026H2';

export default function register(test, h) {
  const { signedInAs, settle, shot } = h;

  async function choosePeriod(page, code) {
    await page.click('[data-test=period-picker]');
    await page.click(`.el-select-dropdown__item:visible:has-text("${code}")`);
    await settle(page);
  }

  // An /api GET answered in the page (its session cookie).
  const apiGet = (page, path) =>
    page.evaluate(async (p) => {
      const r = await fetch(p, { headers: { Accept: 'application/json' } });
      return { status: r.status, body: await r.json() };
    }, path);

  test('penalties: an event recorded with an evidence file shows the file by name in its detail', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${session.baseUrl}/penalties`);
    await page.waitForSelector('[data-test=penalties]');
    await choosePeriod(page, PERIOD);

    const description = `浏览器测试事件 ${Date.now()}`;
    const fileName = '整改通知书.pdf';
    await page.click('[data-test=record-penalty]');
    const dialog = page.locator('.el-dialog:has([data-test=penalty-save])');
    await dialog.waitFor();
    await dialog.locator('[data-test=unit-picker]').click();
    await page.locator('.el-tree-node__content:visible').first().click();
    await settle(page);
    await dialog.locator('[data-test=penalty-type]').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await settle(page);
    const date = dialog.locator('.el-date-editor input');
    await date.fill('2026-09-20');
    await date.press('Enter');
    await dialog
      .locator('textarea[data-test=penalty-description], [data-test=penalty-description] textarea')
      .fill(description);
    await page.setInputFiles('[data-test=penalty-files] input[type=file]', {
      name: fileName,
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.7\n% 负面清单证据 ${description}\n`),
    });
    await page.waitForSelector(`[data-test=penalty-files] [data-test=file-link]:has-text("${fileName}")`, {
      timeout: 15000,
    });
    await shot(page, 'penalties-record-with-file');
    const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/penalties$/.test(r.url()));
    await dialog.locator('[data-test=penalty-save]').click();
    const answer = await recorded;
    if (answer.status() !== 201) throw new Error(`recording answered ${answer.status()}: ${await answer.text()}`);
    const event = await answer.json();
    if (event.files.length !== 1) throw new Error(`the event holds ${event.files.length} files`);
    await settle(page);

    // The list shows the event; its detail names the file and links to its bytes.
    await page.click(`[data-test=penalty-detail-${event.id}]`);
    const link = page.locator('[data-test=penalty-detail-files] [data-test=file-link]');
    await link.first().waitFor({ timeout: 15000 });
    await page.waitForSelector(`[data-test=penalty-detail-files] [data-test=file-link]:has-text("${fileName}")`, {
      timeout: 15000,
    });
    const href = await link.first().getAttribute('href');
    if (href !== `/api/files/${event.files[0]}`) throw new Error(`the file links to ${href}`);
    if (await page.$('[data-test=penalty-detail-files] [data-test=file-remove]'))
      throw new Error('the detail offers to remove a file');
    const bytes = await page.evaluate(async (u) => (await fetch(u)).status, href);
    if (bytes !== 200) throw new Error(`the file link answered ${bytes}`);
    await shot(page, 'penalties-detail-files');
    await session.close();
  });

  test('statistics: an XLSX import with bad rows lists them and saves nothing, the corrected one submits', async ({
    session,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${session.baseUrl}/statistics/report`);
    await page.waitForSelector('[data-test=statistics-report]');
    await choosePeriod(page, PERIOD);

    // The template downloads as a workbook.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=statistics-template]'),
    ]);
    const template = fs.readFileSync(await download.path());
    if (download.suggestedFilename() !== 'statistics-template.xlsx' || template.subarray(0, 2).toString() !== 'PK')
      throw new Error(`the template is ${download.suggestedFilename()} (${template.length} bytes)`);

    // A value nothing was reported for yet, with last period's approved value (a change of 0%).
    const list = await apiGet(page, `/api/statistics?period=${PERIOD}&state=missing&page_size=200`);
    const entry = list.body.items.find((e) => e.may_report && e.previous !== null);
    if (!entry) throw new Error('the demo has no missing value with a previous one');
    const header = ['单位编码', '单位', '指标编码', '指标', '计量单位', '上期值', '本期值', '说明', '备注'];
    const row = (unit, metric, value) => [unit, '', metric, '', '', '', value, '', '浏览器测试'];

    session.expectRefusal('POST', 400, /^\/api\/statistics\/import$/);
    await page.setInputFiles('[data-test=statistics-import-file]', {
      name: '数据填报.xlsx',
      mimeType: XLSX_MIME,
      buffer: xlsxOf([header, row(entry.unit, entry.metric, '很多'), row('NO-SUCH-UNIT', entry.metric, '1')]),
    });
    await page.waitForSelector('[data-test=statistics-import-rows]', { timeout: 15000 });
    await settle(page);
    const cells = await page.$$eval('[data-test=statistics-import-rows] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())),
    );
    if (cells.length !== 2) throw new Error(`the refusal lists ${JSON.stringify(cells)}`);
    if (cells[0][0] !== '2' || cells[0][1] !== '本期值' || !cells[0][2].includes('不是数字'))
      throw new Error(`row 2 reads ${JSON.stringify(cells[0])}`);
    if (cells[1][0] !== '3' || cells[1][1] !== '单位编码' || !cells[1][2].includes('NO-SUCH-UNIT'))
      throw new Error(`row 3 reads ${JSON.stringify(cells[1])}`);
    const alert = await page.textContent('[data-test=statistics-import-error] .el-alert');
    if (!alert.includes('未保存')) throw new Error(`the alert reads ${alert}`);
    await shot(page, 'statistics-import-refused');
    const path = `/api/statistics/${encodeURIComponent(PERIOD)}/${encodeURIComponent(entry.unit)}/${encodeURIComponent(entry.metric)}`;
    const untouched = await apiGet(page, path);
    if (untouched.body.state !== 'missing') throw new Error(`after the refusal the value is ${untouched.body.state}`);

    const imported = page.waitForResponse((r) => /\/api\/statistics\/import/.test(r.url()));
    await page.setInputFiles('[data-test=statistics-import-file]', {
      name: '数据填报.xlsx',
      mimeType: XLSX_MIME,
      buffer: xlsxOf([header, row(entry.unit, entry.metric, String(entry.previous))]),
    });
    const answer = await imported;
    if (answer.status() !== 200) throw new Error(`the import answered ${answer.status()}: ${await answer.text()}`);
    await page.waitForSelector('.el-message--success', { timeout: 10000 });
    await settle(page);
    if (await page.$('[data-test=statistics-import-rows]')) throw new Error('the refused rows are still shown');
    const after = await apiGet(page, path);
    if (after.body.state !== 'submitted' || after.body.value !== entry.previous)
      throw new Error(`after the import the value is ${after.body.state} ${after.body.value}`);
    await shot(page, 'statistics-import-done');
    await session.close();
  });
}
