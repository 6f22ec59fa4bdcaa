// The unit page: Chinese (default) texts. en.ts has exactly the same keys (its type is this object's type).
const zhCN = {
  menu: {
    units: '单位',
  },
  units: {
    title: '单位',
    code: '单位编码',
    name: '名称',
    nameEn: '英文名称',
    type: '类型',
    parent: '上级单位',
    path: '路径',
    population: '人口',
    version: '版本',
    children: '下级单位',
    pick: '请在左侧选择单位',
    types: { city: '市', district: '区县', street: '街道（乡镇）', community: '社区（村）', department: '职能部门' },
  },
};
export default zhCN;
