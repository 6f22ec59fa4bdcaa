// The negative-list page: Chinese (default) texts. en.ts has exactly the same keys.
const zhCN = {
  menu: {
    penalties: '负面清单',
  },
  penalties: {
    record: '登记事件',
    unit: '单位',
    type: '类型',
    deduct: '扣分',
    veto: '一票否决',
    date: '日期',
    description: '描述',
    state: '状态',
    states: { recorded: '有效', withdrawn: '已撤销' },
    withdraw: '撤销',
    withdrawPrompt: '请填写撤销原因',
    withdrawReason: '撤销原因',
    recorded: '已登记',
    withdrawn: '已撤销',
    export: '导出',
    allStates: '全部状态',
    files: '证据材料',
    detail: '详情',
    recordedBy: '登记人',
  },
};

export default zhCN;
