// The audit log: Chinese (default) texts. en.ts has exactly the same keys (its type is this object's type).
const zhCN = {
  menu: {
    audit: '审计日志',
  },
  audit: {
    seq: '序号',
    time: '时间',
    actor: '操作人',
    role: '角色',
    unit: '单位',
    ip: 'IP 地址',
    action: '操作',
    object: '对象',
    before: '变更前',
    after: '变更后',
    range: '时间范围',
    from: '开始时间',
    to: '结束时间',
  },
};
export default zhCN;
