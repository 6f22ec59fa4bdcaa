// The activity types the server accepts (src/domain/participation/activity.cc) — stored as their Chinese
// names — with the locale key each is shown by; and the helpers the activity pages share.
export const ACTIVITY_TYPES = [
  { value: '志愿服务', key: 'volunteer' },
  { value: '宣传', key: 'publicity' },
  { value: '文体', key: 'culture' },
  { value: '环境整治', key: 'environment' },
  { value: '文明实践', key: 'practice' },
  { value: '其他', key: 'other' },
] as const;

// The locale key of type `value` (activities.type.*); an unknown type shows as sent.
export function typeKey(value: string): string | null {
  return ACTIVITY_TYPES.find((t) => t.value === value)?.key ?? null;
}

export const STATION_LEVELS = ['center', 'institute', 'station'] as const;

// The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
export function shanghaiDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dayFormat.format(d);
}

// YYYY-MM-DD one day after `ymd` (an inclusive end date becomes the exclusive `to` the API takes).
export function nextDay(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// A number typed into a text field, or undefined when blank or not a number.
export function numberOrUndefined(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const s = String(text).trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
