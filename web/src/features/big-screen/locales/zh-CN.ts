// The big screen: Chinese texts (en.ts has the same keys).
const zhCN = {
  menu: { bigScreen: '数据大屏' },
  bigScreen: {
    title: '{unit}文明城市创建数据大屏',
    updated: '更新于 {time}',
    score: '综合得分率',
    trend: '得分率走势',
    ranking: '下级单位排名',
    map: '点位最近测评结果',
    pass: '合格',
    fail: '不合格',
    none: '未测评',
    cases: '问题案卷流转',
    today: '今日',
    period: '本期',
    reported: '上报',
    dispatched: '派遣',
    fixed: '整改',
    overdue: '超期',
    plan: '工作计划进度',
    behind: '滞后',
    questionnaires: '问卷调查',
    noData: '暂无数据',
  },
};
export default zhCN;
