// The audit log: English texts, with the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: {
    audit: 'Audit log',
  },
  audit: {
    seq: 'Seq',
    time: 'Time',
    actor: 'Actor',
    role: 'Role',
    unit: 'Unit',
    ip: 'IP address',
    action: 'Action',
    object: 'Object',
    before: 'Before',
    after: 'After',
    range: 'Time range',
    from: 'From',
    to: 'To',
  },
};
export default en;
