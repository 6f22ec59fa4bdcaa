// Work summaries (reports.md): a report as GET /api/reports lists it, and in full with its prose by section,
// the template's sections, every figure the document shows by name and the data fingerprint.
export type ReportState = 'draft' | 'submitted' | 'approved' | 'published' | 'returned';
export type ReportAction = 'refresh' | 'submit' | 'approve' | 'return' | 'publish';
export type ReportFormat = 'pdf' | 'docx' | 'xlsx' | 'html';

export interface ReportSummary {
  id: number;
  template: string;
  unit: string;
  unit_name: string;
  period: string;
  title: string;
  state: ReportState;
  version: number;
  created_by: string;
  created_at: string | null;
  updated_by: string;
  updated_at: string | null;
  submitted_by: string;
  decided_by: string;
  return_reason: string;
  published_at: string | null;
  may_edit: boolean;
  may_approve: boolean;
}

export interface ReportSection {
  key: string;
  level: number;
  title: string;
}

export interface Report extends ReportSummary {
  prose: Record<string, string[]>;
  sections: ReportSection[];
  figures: Record<string, number | string | null>;
  fingerprint: { revision: number; sha256: string } | null;
}
