// The site page: English texts, with the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: {
    sites: 'Sites',
  },
  sites: {
    list: 'List',
    map: 'Map',
    code: 'Site code',
    name: 'Site name',
    type: 'Site type',
    unit: 'Responsible unit',
    address: 'Address',
    grid: 'Grid cell',
    coordinates: 'Coordinates',
    searchText: 'Code, name or address',
    unplaced: '{n} sites have no coordinates and are not shown',
    import: 'Import CSV',
    export: 'Export CSV',
    importHint:
      'A UTF-8 CSV with the header code,name,type,unit,lat,lon,address,grid_cell (or the Chinese header); rows are added or updated by code; any error imports nothing.',
    chooseFile: 'Choose a CSV file',
    importRun: 'Import',
    imported: 'Imported: {created} created, {updated} updated',
    row: 'Row',
    column: 'Column',
    problem: 'Problem',
  },
};
export default en;
