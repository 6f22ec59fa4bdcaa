// Shapes of the user-administration answers (GET /api/users and the users' actions).
import type { Role } from '@/shared/types';

export interface UserRow {
  id?: number | string;
  username: string;
  display_name?: string;
  unit_code?: string;
  unit_name?: string;
  unit_name_en?: string;
  roles?: Role[];
  locked?: boolean;
  locked_until?: string | null;
  disabled?: boolean;
  failed_logins?: number;
  created_at?: string;
  version?: number;
  must_change_password?: boolean;
  last_login?: string | null;
}

// A created user or a reset password: the one-time password to hand over.
export interface OneTimePassword {
  one_time_password?: string;
}
