// A column of ResourceList: `prop` names the item field, `labelKey` the i18n key of its header.
export interface Column {
  prop: string;
  labelKey: string;
  width?: number;
  time?: boolean; // an RFC 3339 time shown in Asia/Shanghai
  percent?: boolean; // a fraction in [0, 1] shown as a percentage
  enumKey?: string; // i18n prefix naming the value (e.g. 'caseStatus' → caseStatus.closed)
  fallback?: string[]; // other fields to read when `prop` is missing
}
