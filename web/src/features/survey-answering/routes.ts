// The answering pages: the public questionnaire (/public/survey/:code[?unit=X], no sign-in, in the public
// frame titled 问卷调查 and without the 随手拍 tabs) and the interviewer's pages (我的调查任务 and one
// interview per assignment, for inspectors).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const mySurveys: MenuEntry = {
  name: 'surveys',
  path: '/surveys',
  titleKey: 'menu.mySurveys',
  icon: 'EditPen',
  roles: ['inspector'],
  order: 21,
};

export const surveyAnsweringRoutes: FeatureRoutes = {
  menu: [mySurveys],
  main: [
    menuRoute(mySurveys, () => import('./views/MySurveysView.vue')),
    {
      path: 'surveys/:assignment',
      name: 'interview',
      component: () => import('./views/InterviewView.vue'),
      meta: { titleKey: 'interview.title', menu: 'surveys' },
    },
  ],
  public: [
    {
      path: 'survey/:code',
      name: 'public-survey',
      component: () => import('./views/PublicSurveyView.vue'),
      // No titleKey: the frame's tabs list titled pages; the page titles the browser tab itself.
      meta: { public: true, anyone: true, frameTitleKey: 'surveyPublic.frameTitle' },
    },
  ],
};
