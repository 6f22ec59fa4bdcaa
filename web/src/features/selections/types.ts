// The selection answers (participation.md "Selection"; src/api/participation/selection_routes.cc).
export const SELECTION_KINDS = [
  'civilized_unit',
  'civilized_family',
  'civilized_community',
  'civilized_campus',
  'civilized_trade',
] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];

export const CANDIDATE_STAGES = [
  'nominated',
  'reviewed',
  'scored',
  'in_notice',
  'approved',
  'named',
  'withdrawn',
] as const;
export type CandidateStage = (typeof CANDIDATE_STAGES)[number];

export interface SelectionCriterion {
  code: string;
  text: string;
  max_points: number;
}

export interface Candidate {
  code: string;
  selection: string;
  name: string;
  unit: string;
  unit_name: string;
  nominated_by: string;
  nominated_by_unit: string;
  materials: string;
  stage: CandidateStage;
  withdrawn_reason: string;
  scores: number;
  mean_score: number | null;
  objections: number;
  open_objections: number;
  notice_started_at: string | null;
  notice_ends_at: string | null;
  named_at: string | null;
  title_valid_until: string | null;
  reexamined_at: string | null;
  flagged_for_withdrawal: boolean;
  created_at: string | null;
}

export interface ScoreSheet {
  reviewer: string;
  points: Record<string, number>;
  total: number;
  scored_at: string | null;
}

export interface Objection {
  id: number;
  candidate: string;
  text: string;
  contact_name: string;
  contact_phone: string; // masked
  state: 'open' | 'upheld' | 'dismissed';
  resolution_note: string;
  resolved_by: string;
  resolved_at: string | null;
  lodged_at: string | null;
}

export interface StageEvent {
  from: CandidateStage | null;
  to: CandidateStage;
  by: string;
  note: string;
  at: string | null;
}

export interface CandidateDetail extends Candidate {
  score_sheets: ScoreSheet[];
  objection_list: Objection[];
  events: StageEvent[];
}

export interface Selection {
  code: string;
  kind: SelectionKind;
  title: string;
  period: string;
  quota: number;
  notice_days: number;
  term_years: number;
  nomination_deadline: string | null;
  review_deadline: string | null;
  scoring_deadline: string | null;
  created_by: string;
  created_at: string | null;
  candidates_total: number;
  // GET /api/selections/{code} only
  criteria?: SelectionCriterion[];
  candidates?: Candidate[];
}

export interface SelectionInput {
  kind: SelectionKind;
  title: string;
  period: string;
  quota: number;
  notice_days: number;
  term_years: number;
  nomination_deadline?: string;
  review_deadline?: string;
  scoring_deadline?: string;
  criteria: SelectionCriterion[];
}

export interface NominationInput {
  name?: string; // the family's name (文明家庭); a unit candidate takes the unit's name
  unit: string;
  materials?: string;
}

export type CandidateAction = 'review' | 'start-notice' | 'approve' | 'name' | 'withdraw' | 'renew' | 'revoke';

// The public's view of a candidate (notice, honour roll).
export interface PublicCandidate {
  code: string;
  name: string;
  unit_name: string;
  selection: string;
  selection_title: string;
  kind: SelectionKind;
  period: string;
  mean_score: number | null;
  notice_ends_at: string | null;
  named_at: string | null;
  title_valid_until: string | null;
}

export interface PublicNotice {
  code: string;
  kind: SelectionKind;
  title: string;
  period: string;
  notice_days: number;
  candidates: PublicCandidate[];
}

export interface ObjectionInput {
  candidate: string;
  text: string;
  contact_name: string;
  contact_phone: string;
}
