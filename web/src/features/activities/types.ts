// The activity answers (participation.md "Activities"; src/api/participation/activity_routes.cc, docs/openapi.yaml).
export type ActivityState = 'planned' | 'finished' | 'cancelled';
export type RecordState = 'pending' | 'approved' | 'rejected';
export type StationLevel = 'center' | 'institute' | 'station';

export interface Activity {
  code: string;
  unit: string;
  unit_name: string;
  type: string; // 志愿服务 | 宣传 | 文体 | 环境整治 | 文明实践 | 其他
  title: string;
  starts_at: string | null;
  ends_at: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  site: string | null;
  station: string | null;
  capacity: number; // 0: no limit
  description: string;
  news_link: string;
  participants_count: number;
  signup_count: number;
  qr_token: string | null; // only for a caller who may manage activities
  state: ActivityState;
  cancel_reason: string | null; // when cancelled
  version: number; // sent back with an edit or a cancellation
  created_by: string;
  created_at: string | null;
}

export interface ActivitySignup {
  volunteer: string;
  volunteer_name: string; // masked
  signed_up_at: string | null;
}

export interface ServiceRecord {
  id: number;
  volunteer: string;
  volunteer_name: string;
  activity: string;
  check_in: string | null;
  check_out: string | null;
  hours: number;
  state: RecordState;
  needs_confirmation: boolean;
  latitude: number | null;
  longitude: number | null;
  version: number;
  supersedes: number | null;
  latest: boolean;
  entered_by: string;
  decided_by: string;
  decided_at: string | null;
  reason: string | null; // why it was rejected
  created_at: string | null;
}

export interface ActivityDetail extends Activity {
  signups: ActivitySignup[];
  records: ServiceRecord[]; // every version
}

export interface ActivityInput {
  unit: string;
  type: string;
  title: string;
  starts_at: string;
  ends_at: string;
  place?: string;
  latitude?: number;
  longitude?: number;
  station?: string;
  capacity?: number;
  description?: string;
  news_link?: string;
  participants_count?: number;
}

// PUT /api/activities/{code}: the fields as they are to be (code and organiser unit stay) at the version read.
export interface ActivityEdit extends Omit<ActivityInput, 'unit'> {
  version: number;
}

export interface ActivityReportRow {
  unit: string;
  unit_name: string;
  activities: number;
  participants: number; // declared counts
  volunteers: number; // distinct, with an approved record
  approved_hours: number;
}

export interface ActivityReport {
  period: string;
  units: ActivityReportRow[];
}

export interface PracticeStation {
  code: string;
  name: string;
  level: StationLevel;
  unit: string;
  unit_name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  activities: number;
  approved_hours: number;
  created_by: string;
  created_at: string | null;
}

export interface PracticeStationInput {
  code: string;
  name: string;
  level: StationLevel;
  unit: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

// What a phone sends to sign up, check in or check out.
export interface PublicCheck {
  token: string;
  volunteer: string;
  phone_last4: string;
  latitude?: number;
  longitude?: number;
}

export interface CertificateRecord {
  activity: string;
  title: string;
  check_in: string | null;
  check_out: string | null;
  hours: number;
}

export interface VerifiedCertificate {
  verification_code: string;
  name: string; // masked
  hours: number;
  stars: number;
  issued_at: string | null;
  records: CertificateRecord[];
}

// A certificate the console downloaded: its verification code and hours (the answer's headers).
export interface IssuedCertificate {
  verification_code: string;
  hours: number;
}
