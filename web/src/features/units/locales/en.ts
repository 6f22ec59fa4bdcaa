// The unit page: English texts, with the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: {
    units: 'Units',
  },
  units: {
    title: 'Units',
    code: 'Code',
    name: 'Name',
    nameEn: 'English name',
    type: 'Type',
    parent: 'Parent',
    path: 'Path',
    population: 'Population',
    version: 'Version',
    children: 'Child units',
    pick: 'Select a unit on the left',
    types: { city: 'City', district: 'District', street: 'Street', community: 'Community', department: 'Department' },
  },
};
export default en;
