// The questionnaire pages under /questionnaires (问卷管理): the list, the builder (new and edit), one
// questionnaire (versions, state actions, public link and QR codes), its quota board, its interviewer assignments, the response review
// and the results. They open for the list entry's roles; the server refuses what a role may not do
// (building, publishing and reviewing are the office's).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const questionnaires: MenuEntry = {
  name: 'questionnaires',
  path: '/questionnaires',
  titleKey: 'menu.questionnaires',
  icon: 'List',
  roles: ['office', 'leader', 'unit_officer'],
  order: 61,
};

const page = (path: string, name: string, titleKey: string, component: () => Promise<unknown>) => ({
  path,
  name,
  component,
  meta: { titleKey, menu: 'questionnaires' },
});

export const questionnairesRoutes: FeatureRoutes = {
  menu: [questionnaires],
  main: [
    menuRoute(questionnaires, () => import('./views/QuestionnairesView.vue')),
    page(
      'questionnaires/new',
      'questionnaire-new',
      'questionnaires.newTitle',
      () => import('./views/QuestionnaireEditView.vue'),
    ),
    page(
      'questionnaires/:code/edit',
      'questionnaire-edit',
      'questionnaires.editTitle',
      () => import('./views/QuestionnaireEditView.vue'),
    ),
    page(
      'questionnaires/:code',
      'questionnaire-detail',
      'questionnaires.detailTitle',
      () => import('./views/QuestionnaireDetailView.vue'),
    ),
    page(
      'questionnaires/:code/quotas',
      'questionnaire-quotas',
      'questionnaires.quotasTitle',
      () => import('./views/QuotaBoardView.vue'),
    ),
    page(
      'questionnaires/:code/assignments',
      'questionnaire-assignments',
      'questionnaires.assignmentsTitle',
      () => import('./views/AssignmentsView.vue'),
    ),
    page(
      'questionnaires/:code/responses',
      'questionnaire-responses',
      'questionnaires.responsesTitle',
      () => import('./views/ResponsesView.vue'),
    ),
    page(
      'questionnaires/:code/results',
      'questionnaire-results',
      'questionnaires.resultsTitle',
      () => import('./views/ResultsView.vue'),
    ),
  ],
};
