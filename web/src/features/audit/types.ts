// One record of the append-only audit trail (GET /api/audit).
export interface AuditRecord {
  seq: number;
  time: string;
  actor: string;
  role?: string;
  unit?: string;
  ip?: string;
  action: string;
  object_type?: string;
  object_id?: string;
  before?: unknown;
  after?: unknown;
}
