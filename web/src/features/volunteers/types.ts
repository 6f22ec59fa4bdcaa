// The volunteer registry's answers (participation.md "Volunteers"; src/api/participation/volunteer_routes.cc).
export type VolunteerState = 'pending' | 'confirmed' | 'rejected';

export interface Volunteer {
  code: string;
  name: string;
  phone: string; // masked unless revealed
  id_number: string; // masked unless revealed
  revealed: 'phone' | 'id_number' | null;
  unit: string;
  unit_name: string;
  skills: string[];
  availability: string;
  state: VolunteerState;
  source: 'public' | 'office';
  registered_at: string | null;
  registered_by: string;
  confirmed_by: string;
  confirmed_at: string | null;
  rejected_reason: string;
  teams: string[];
  hours: number;
  stars: number;
}

export interface VolunteerInput {
  name: string;
  phone: string;
  id_number: string;
  unit: string;
  skills: string[];
  availability?: string;
}

export interface VolunteerTeam {
  code: string;
  name: string;
  unit: string;
  unit_name: string;
  members: number;
  created_by: string;
  created_at: string | null;
}

export interface VolunteerTeamInput {
  code?: string;
  name: string;
  unit: string;
}
