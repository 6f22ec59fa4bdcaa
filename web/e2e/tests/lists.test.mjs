// The list pages' shared parts in the browser: the toolbar's column settings (a hidden column stays hidden
// after a reload), the audit log's XLSX export read back against the filtered list, the printable case
// sheet, and a text limit counted in characters with its counter (a 600-character round name is refused
// by the server with the Chinese message).

import fs from 'node:fs';
import { readXlsx } from '../xlsx.mjs';

export default function register(test, h) {
  const { signedInAs, settle, shot, expectEqual } = h;

  const headings = (page, table) =>
    page.$$eval(`[data-test=${table}] .el-table__header th .cell`, (els) => els.map((e) => e.textContent.trim()));

  test('column settings hide a column of the case list and it stays hidden after a reload', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/cases`);
    await page.waitForSelector('[data-test=case-table] .el-table__body tr');
    await settle(page);
    if (!(await headings(page, 'case-table')).includes('问题类别')) throw new Error('the list has no 问题类别 column');
    await page.click('[data-test=cases-columns]');
    await page.waitForSelector('[data-test=cases-column-settings]', { state: 'visible' });
    await page.click('[data-test=column-toggle-category]');
    await settle(page);
    await shot(page, 'lists-column-settings');
    if ((await headings(page, 'case-table')).includes('问题类别')) throw new Error('问题类别 is still shown');
    await page.reload();
    await page.waitForSelector('[data-test=case-table] .el-table__body tr');
    await settle(page);
    const after = await headings(page, 'case-table');
    if (after.includes('问题类别')) throw new Error('问题类别 is shown again after the reload');
    if (!after.includes('标题')) throw new Error(`the other columns went too: ${after.join(', ')}`);
    // 全部显示 brings it back.
    await page.click('[data-test=cases-columns]');
    await page.waitForSelector('[data-test=cases-column-settings]', { state: 'visible' });
    await page.click('[data-test=cases-column-settings] [data-test=columns-show-all]');
    await settle(page);
    if (!(await headings(page, 'case-table')).includes('问题类别')) throw new Error('全部显示 did not show 问题类别');
  });

  test('the audit log downloads as Excel with exactly the filtered records (read back)', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'auditor');
    await page.goto(`${baseUrl}/audit`);
    await page.waitForSelector('[data-test=audit-table] .el-table__body tr');
    await page.fill('input[data-test=audit-action], [data-test=audit-action] input', 'auth.login');
    await page.keyboard.press('Enter');
    await settle(page);
    const listed = await page.evaluate(async () => {
      const r = await (await fetch('/api/audit?action=auth.login&page_size=20')).json();
      return { total: r.total, seqs: r.items.map((a) => String(a.seq)) };
    });
    if (listed.total < 1) throw new Error('the demo has no auth.login records');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=audit-export-xlsx]')]);
    expectEqual(download.suggestedFilename(), 'audit.xlsx', 'file name');
    const rows = readXlsx(fs.readFileSync(await download.path()));
    expectEqual(rows[0].slice(0, 7), ['序号', '时间', '操作人', '角色', '所属单位', '来源地址', '操作'], 'headings');
    expectEqual(rows.length - 1, listed.total, 'rows in the sheet (the filtered total)');
    if (!rows.slice(1).every((r) => r[6] === 'auth.login')) throw new Error('the sheet has records of another action');
    expectEqual(
      rows.slice(1, 1 + listed.seqs.length).map((r) => r[0]),
      listed.seqs,
      'the newest records, in the list order',
    );
    if (!rows.slice(1).some((r) => r[2] === 'auditor' && r[3] === '审计管理员')) {
      throw new Error("the auditor's own sign-in is not in the sheet with the role's Chinese name");
    }
    // The download is itself audited.
    const exports = await page.evaluate(
      async () => (await (await fetch('/api/audit?action=audit.export')).json()).total,
    );
    if (exports < 1) throw new Error('the export is not in the audit log');
  });

  test('the case print view shows the case code, its unit and its whole history without the menu', async ({
    session,
    baseUrl,
  }) => {
    const page = await session.open();
    await signedInAs(page, 'office');
    const c = await page.evaluate(async () => {
      const list = await (await fetch('/api/cases?state=closed&page_size=1')).json();
      const code = list.items[0]?.code;
      if (!code) return null;
      const d = await (await fetch(`/api/cases/${encodeURIComponent(code)}`)).json();
      return { code, unit: d.unit_name || d.unit, events: d.events.length };
    });
    if (!c) throw new Error('the demo has no closed case');
    await page.goto(`${baseUrl}/cases/${encodeURIComponent(c.code)}`);
    await page.waitForSelector('[data-test=case-detail] [data-test=case-code]');
    const href = await page.getAttribute('a[data-test=case-print]', 'href');
    expectEqual(href, `/cases/${encodeURIComponent(c.code)}/print`, 'the 打印 link');
    await page.goto(`${baseUrl}${href}`);
    await page.waitForSelector('[data-test=print-case-code]');
    await settle(page);
    expectEqual((await page.textContent('[data-test=print-case-code]')).trim(), c.code, 'the case code');
    expectEqual((await page.textContent('[data-test=print-case-unit]')).trim(), c.unit, 'the unit');
    const rows = await page.$$('[data-test=print-history] tbody tr');
    expectEqual(rows.length, c.events, 'history rows (every event)');
    if (c.events < 3) throw new Error(`a closed case with ${c.events} events`);
    if (!(await page.$('[data-test=print-event-verify-ok]')))
      throw new Error('the history lacks the closing verify-ok');
    if (await page.$('[data-test=menu]')) throw new Error('the print view shows the menu');
    await page.emulateMedia({ media: 'print' });
    if (await page.isVisible('[data-test=print-now]')) throw new Error('the 打印 button would be printed');
    await shot(page, 'lists-case-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('a 600-character round name is refused with the Chinese message and the counter shows the limit', async ({
    session,
    baseUrl,
  }) => {
    session.expectRefusal('POST', 400, /\/api\/rounds$/);
    const page = await session.open();
    await signedInAs(page, 'office');
    await page.goto(`${baseUrl}/rounds/new`);
    const input = 'input[data-test=round-name], [data-test=round-name] input';
    await page.waitForSelector(input);
    await settle(page);
    // Typing stops at the server's limit, counted in characters (a Chinese character counts one).
    await page.fill(input, '测'.repeat(600));
    expectEqual((await page.inputValue(input)).length, 200, 'characters the field takes');
    const counter = async () => (await page.textContent('[data-test=round-create] .el-input__count')).trim();
    expectEqual((await counter()).replace(/\s/g, ''), '200/200', 'the counter');
    // Sent another way (the field's limit taken off), the server refuses it and the form says why, in Chinese.
    await page.$eval(input, (el) => el.removeAttribute('maxlength'));
    await page.fill(input, '测'.repeat(600));
    await page.fill('input[data-test=round-code], [data-test=round-code] input', 'R-LONG-NAME');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/rounds') && r.request().method() === 'POST'),
      page.click('[data-test=round-save]'),
    ]);
    expectEqual(answer.status(), 400, 'the server answer');
    const error = (await answer.json()).error;
    expectEqual([error.field, error.key, error.args.max], ['name', 'input.text.too_long', '200'], 'the error');
    await page.waitForSelector('.el-form-item__error');
    const shown = (await page.textContent('.el-form-item__error')).trim();
    expectEqual(shown, '名称 不能超过 200 个字符', 'the message under the field');
    await shot(page, 'lists-text-limit');
  });
}
