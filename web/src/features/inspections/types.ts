// Shapes of the inspection answers: rounds and their sampled sites, an inspector's assignments, the
// inspection form and a submitted inspection.
import type { Site } from '@/features/sites/types';

export interface Round {
  code: string;
  name: string;
  period: string;
  status: 'open' | 'completed';
  seed?: string;
  items: string[];
  sample_total: number;
  done: number;
  to_do: number;
  created_at?: string;
  created_by?: string;
  strata?: { unit: string; unit_name: string; site_type: string; population: number; sample_size: number }[];
  inspectors?: { username: string; display_name: string; done: number; to_do: number }[];
}

export interface RoundSite {
  site: string;
  site_name: string;
  site_type: string;
  unit: string;
  unit_name: string;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  inspector: string | null;
  status: 'to_do' | 'draft' | 'submitted';
  inspection: string | null;
}

export interface Assignment extends RoundSite {
  round: string;
  round_name: string;
  period: string;
  draft: string | null;
}

export interface FormCheck {
  check: string;
  item: string;
  item_name: string;
  text: string;
  photo_required?: boolean; // a failure needs at least one photo (absent: true)
}

export interface InspectionForm {
  round: string;
  period: string;
  site: Site;
  checks: FormCheck[];
}

export interface CheckResult {
  check: string;
  failures: number | null;
  note: string;
  photos: string[];
}

export interface InspectionBody {
  client_id: string;
  round: string;
  site: string;
  inspected_at: string;
  gps: { lat: number; lon: number; accuracy: number } | null;
  note: string;
  results: CheckResult[];
}

export interface Inspection {
  code: string;
  version: number;
  round: string;
  site: string;
  period: string;
  inspector: string;
  inspected_at: string;
  submitted_at: string;
  results: CheckResult[];
  cases: string[];
}

// One inspection as GET /api/inspections/{code} answers it (read-only view).
export interface InspectionRecordView {
  code: string;
  version: number;
  round: string | null;
  site: string;
  site_name: string;
  site_type: string;
  unit: string;
  period: string;
  inspector: string | null;
  inspector_name: string | null;
  inspected_on: string;
  inspected_at: string | null;
  submitted_at: string | null;
  gps: { lat: number; lon: number; accuracy: number | null } | null;
  note: string;
  reason: string;
  results: CheckResult[];
  cases: string[];
  versions: { version: number; submitted_at: string; reason: string }[];
}

// Who can be given sites of a round (GET /api/users?role=inspector).
export interface InspectorRow {
  username: string;
  display_name?: string;
  roles?: string[];
}
