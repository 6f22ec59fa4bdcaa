// The negative-list page: English texts, the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: {
    penalties: 'Negative list',
  },
  penalties: {
    record: 'Record event',
    unit: 'Unit',
    type: 'Type',
    deduct: 'Deduction',
    veto: 'Disqualifies',
    date: 'Date',
    description: 'Description',
    state: 'State',
    states: { recorded: 'Recorded', withdrawn: 'Withdrawn' },
    withdraw: 'Withdraw',
    withdrawPrompt: 'Why is the event withdrawn?',
    withdrawReason: 'Reason for withdrawing',
    recorded: 'Recorded',
    withdrawn: 'Withdrawn',
    export: 'Export',
    allStates: 'All states',
    files: 'Evidence files',
    detail: 'Details',
    recordedBy: 'Recorded by',
  },
};

export default en;
