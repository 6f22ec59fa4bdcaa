// The big screen: English texts (same keys as zh-CN.ts).
const en = {
  menu: { bigScreen: 'Big screen' },
  bigScreen: {
    title: '{unit} civilised-city campaign',
    updated: 'Updated {time}',
    score: 'Total score rate',
    trend: 'Score rate by period',
    ranking: 'Ranking',
    map: 'Sites by their last result',
    pass: 'Pass',
    fail: 'Fail',
    none: 'Not inspected',
    cases: 'Case flow',
    today: 'Today',
    period: 'This period',
    reported: 'Reported',
    dispatched: 'Dispatched',
    fixed: 'Fixed',
    overdue: 'Overdue',
    plan: 'Plan progress',
    behind: 'Behind',
    questionnaires: 'Questionnaires',
    noData: 'No data',
  },
};
export default en;
