// The signed-in user. `load()` asks /api/me once per page load (a 401 means signed out); sign-in and
// sign-out keep the CSRF token in step with the session.
import { defineStore } from 'pinia';
import { api, setCsrfToken } from '@/shared/api/client';
import type { Role, SessionAnswer, User } from '@/shared/types';

export const useAuthStore = defineStore('auth', {
  state: () => ({ user: null as User | null, loaded: false }),
  getters: {
    signedIn: (s) => s.user !== null,
    roles: (s): Role[] => s.user?.roles ?? [],
  },
  actions: {
    hasRole(...roles: Role[]): boolean {
      return roles.some((r) => this.roles.includes(r));
    },
    async load(): Promise<void> {
      if (this.loaded) return;
      try {
        const me = await api.get<SessionAnswer>('/me', undefined, { expectUnauthenticated: true });
        this.user = me.user;
        setCsrfToken(me.csrf_token);
      } catch {
        this.user = null;
        setCsrfToken(null);
      }
      this.loaded = true;
    },
    async login(username: string, password: string): Promise<User> {
      const answer = await api.post<SessionAnswer>(
        '/auth/login',
        { username, password },
        { expectUnauthenticated: true },
      );
      setCsrfToken(answer.csrf_token);
      this.user = answer.user;
      this.loaded = true;
      return answer.user;
    },
    async changePassword(oldPassword: string, newPassword: string): Promise<void> {
      // A 401 here answers a wrong current password; the session itself is still good.
      await api.post(
        '/me/password',
        { old_password: oldPassword, new_password: newPassword },
        { expectUnauthenticated: true },
      );
      if (this.user) this.user.must_change_password = false;
    },
    async logout(): Promise<void> {
      try {
        await api.post('/auth/logout', {}, { expectUnauthenticated: true });
      } finally {
        this.forget();
      }
    },
    // The session is gone (401 elsewhere or sign-out): drop what we knew.
    forget(): void {
      this.user = null;
      this.loaded = true;
      setCsrfToken(null);
    },
  },
});
