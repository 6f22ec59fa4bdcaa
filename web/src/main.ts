import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import {
  ArrowDown,
  Calendar,
  DataBoard,
  Document,
  EditPen,
  Files,
  Iphone,
  List,
  Location,
  Lock,
  OfficeBuilding,
  Plus,
  Refresh,
  Search,
  SwitchButton,
  Tickets,
  TrendCharts,
  User,
  ArrowLeft,
  Bell,
  Camera,
  Download,
  Upload,
  Operation,
  Printer,
  Medal,
} from '@element-plus/icons-vue';
import App from './app/App.vue';
import { router } from './app/router';
import { flushQueued } from './features/inspections/drafts';
import { flushQueue as flushSurveyQueue } from './features/survey-answering/queue';
import { onUnauthenticated } from './shared/api/client';
import { i18n } from './shared/i18n';
import { useAuthStore } from './shared/stores/auth';
import './app/style.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(ElementPlus);
const icons = {
  ArrowDown,
  Calendar,
  DataBoard,
  Document,
  EditPen,
  Files,
  Iphone,
  List,
  Location,
  Lock,
  OfficeBuilding,
  Plus,
  Refresh,
  Search,
  SwitchButton,
  Tickets,
  TrendCharts,
  User,
  ArrowLeft,
  Bell,
  Camera,
  Download,
  Upload,
  Operation,
  Printer,
  Medal,
};
for (const [name, component] of Object.entries(icons)) app.component(name, component);
app.use(router);

// A lost session anywhere sends the user back to sign-in, then to where they were.
onUnauthenticated(() => {
  const auth = useAuthStore();
  if (!auth.signedIn) return;
  auth.forget();
  const here = router.currentRoute.value;
  if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath } });
});

// The tab title names the page, in the chosen language.
function updateTitle() {
  const key = router.currentRoute.value.meta.titleKey as string | undefined;
  const app = i18n.global.t('app.title');
  document.title = key ? `${i18n.global.t(key)} · ${app}` : app;
}
router.afterEach(updateTitle);
watch(i18n.global.locale, updateTitle);

// Inspection submissions and interviews queued while offline go out when the network returns
// (features/inspections/drafts.ts, features/survey-answering/queue.ts).
window.addEventListener('online', () => {
  if (!useAuthStore().signedIn) return;
  void flushQueued();
  void flushSurveyQueue();
});

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
