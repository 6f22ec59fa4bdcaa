// The material pages: Chinese texts (en.ts has the same keys).
const zhCN = {
  menu: { materials: '材料审核' },
  materials: {
    title: '材料申报与审核',
    field: {
      id: '编号',
      item: '测评项目',
      unit: '单位',
      description: '材料说明',
      state: '状态',
      grade: '等级',
      comment: '评语',
      reason: '退回原因',
      files: '材料文件',
      submittedAt: '提交时间',
      history: '评级记录',
      events: '办理记录',
    },
    state: { draft: '草稿', submitted: '待评级', graded: '已评级', returned: '补充材料' },
    action: {
      create: '新建申报',
      submit: '提交',
      resubmit: '重新提交',
      grade: '评级',
      return: '退回补充材料',
      save: '保存',
      upload: '上传文件',
      export: '导出',
    },
    event: {
      create: '新建申报',
      update: '修改',
      submit: '提交',
      resubmit: '重新提交',
      grade: '评级',
      regrade: '重新评级',
      return: '退回补充材料',
    },
    board: { title: '材料状态', missing: '未提交' },
    returnedNote: '创文办要求补充材料：{reason}',
  },
};

export default zhCN;
