// Periods: English texts, with the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: { periods: 'Periods' },
  periods: {
    create: 'New period',
    code: 'Code',
    name: 'Name',
    start: 'Start',
    end: 'End',
    framework: 'Framework',
    version: 'Version',
    state: 'State',
    open: 'Open',
    closed: 'Closed',
    closedAt: 'Closed at',
    closedBy: 'Closed by',
    actions: 'Actions',
    close: 'Close',
    reopen: 'Reopen',
    closeConfirm:
      'Once period {code} is closed its scores are frozen as at closing and no evidence can be added. Close it?',
    reopenTitle: 'Reopen period {code}',
    reason: 'Reason',
    reasonRequired: 'Give the reason for reopening',
    created: 'Period created',
    closedDone: 'Period closed',
    reopened: 'Period reopened',
    search: 'Search code or name',
    allStates: 'All states',
    export: 'Export',
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    latest: 'Latest',
  },
};

export default en;
