// Display of self-inspection gaps: a signed percentage-point difference (+12.3 / −4.0), "—" when none; an
// item's name in the console's language.
import { localName } from '@/shared/i18n';

export function gapText(gap: number | null | undefined): string {
  if (gap === null || gap === undefined || Number.isNaN(gap)) return '—';
  const points = gap * 100;
  const sign = points > 0.05 ? '+' : points < -0.05 ? '−' : '';
  return `${sign}${Math.abs(points).toFixed(1)}`;
}

// name_en may be null.
export function itemName(o: { name: string; name_en: string | null }): string {
  return localName({ name: o.name, name_en: o.name_en ?? undefined });
}
