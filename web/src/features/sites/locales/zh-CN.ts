// The site page: Chinese (default) texts. en.ts has exactly the same keys (its type is this object's type).
const zhCN = {
  menu: {
    sites: '点位',
  },
  sites: {
    list: '列表',
    map: '点位地图',
    code: '点位编号',
    name: '点位名称',
    type: '点位类型',
    unit: '责任单位',
    address: '地址',
    grid: '网格',
    coordinates: '坐标',
    searchText: '编号、名称或地址',
    unplaced: '{n} 个点位无坐标，未显示',
    import: '导入 CSV',
    export: '导出 CSV',
    importHint:
      'UTF-8 编码的 CSV，表头为 点位编号,点位名称,点位类型,责任单位,纬度,经度,地址,网格（或英文 code,name,type,unit,lat,lon,address,grid_cell）；按编号新增或更新；有错误时整批不导入。',
    chooseFile: '请选择 CSV 文件',
    importRun: '导入',
    imported: '导入完成：新增 {created} 个，更新 {updated} 个',
    row: '行',
    column: '列',
    problem: '问题',
  },
};
export default zhCN;
