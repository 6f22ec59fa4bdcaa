// What the console reads from a selection and a candidate: the selection's phase by its stage deadlines (the
// API keeps no state of its own for a selection), the tag colour of each candidate stage, and which steps the
// caller's permissions offer at a candidate's stage (the server decides again: the superior-unit rule of the
// review, the panel's own-unit rule, objections and the end of the notice).
import type { CandidateAction, CandidateStage, Selection } from './types';

export type SelectionState = 'nominating' | 'reviewing' | 'scoring' | 'closed';
export const SELECTION_STATES: SelectionState[] = ['nominating', 'reviewing', 'scoring', 'closed'];

const passed = (deadline: string | null, now: number) => !!deadline && Date.parse(deadline) < now;

export function selectionState(s: Selection, now = Date.now()): SelectionState {
  if (passed(s.scoring_deadline, now)) return 'closed';
  if (passed(s.review_deadline, now)) return 'scoring';
  if (passed(s.nomination_deadline, now)) return 'reviewing';
  return 'nominating';
}

export const STAGE_TAG: Record<CandidateStage, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  nominated: 'info',
  reviewed: 'primary',
  scored: 'primary',
  in_notice: 'warning',
  approved: 'success',
  named: 'success',
  withdrawn: 'danger',
};

// The steps (besides scoring, which has its sheet) offered at `stage` to a caller holding `permissions`.
export function stepsFor(stage: CandidateStage, permissions: readonly string[]): CandidateAction[] {
  const manage = permissions.includes('manage_selections');
  const nominate = permissions.includes('nominate_selections');
  const out: CandidateAction[] = [];
  if (stage === 'nominated' && nominate) out.push('review');
  if (manage) {
    if (stage === 'scored') out.push('start-notice');
    if (stage === 'in_notice') out.push('approve');
    if (stage === 'approved') out.push('name');
    if (stage === 'named') out.push('renew', 'revoke');
    if (stage !== 'named' && stage !== 'withdrawn') out.push('withdraw');
  }
  return out;
}

export const mayScore = (stage: CandidateStage, permissions: readonly string[]) =>
  permissions.includes('review_selections') && (stage === 'reviewed' || stage === 'scored');

// A date picked in the console (YYYY-MM-DD) as the end of that day in Asia/Shanghai, RFC 3339.
export const endOfDay = (date: string) => `${date}T23:59:59+08:00`;
