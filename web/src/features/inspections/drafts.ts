// Inspection drafts kept in the browser (localStorage), one per round+site: the form as filled so far, its
// client_id (crypto.randomUUID(), fixed for the draft's life so a resend is recognised by the server), and
// whether it is queued to be submitted when the network returns. `flushQueued()` sends the queued ones; the
// server answers a repeat of the same client_id and body with the same inspection, so a retry is safe.
import { ApiError } from '@/shared/api/client';
import { inspectionsApi } from './api';
import type { Inspection, InspectionBody } from './types';

export interface LocalDraft {
  body: InspectionBody;
  queued: boolean;
  savedAt: string;
  result?: Inspection;
  checked?: string[]; // checks the inspector has dealt with (the form's 已检 count)
}

const PREFIX = 'civic.draft.';
const key = (round: string, site: string) => `${PREFIX}${round}|${site}`;

export function newClientId(): string {
  const c = globalThis.crypto as Crypto & { randomUUID?: () => string };
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  // Non-secure contexts (plain http on a LAN address) lack randomUUID: build a v4 UUID from getRandomValues.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x: number) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function loadDraft(round: string, site: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(round, site));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: LocalDraft): void {
  draft.savedAt = new Date().toISOString();
  localStorage.setItem(key(draft.body.round, draft.body.site), JSON.stringify(draft));
}

export function dropDraft(round: string, site: string): void {
  localStorage.removeItem(key(round, site));
}

export function allDrafts(): LocalDraft[] {
  const out: LocalDraft[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k?.startsWith(PREFIX)) continue;
    try {
      out.push(JSON.parse(localStorage.getItem(k) ?? '') as LocalDraft);
    } catch {
      // a broken entry is skipped
    }
  }
  return out;
}

// True when the failure means "try again later" (offline, server unreachable or busy), not a refusal.
export function isTransient(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500);
}

// Submits one draft: on success it is dropped and the inspection returned; a transient failure leaves it
// queued (returns null); a refusal (400/409) is thrown for the form to show.
export async function submitDraft(draft: LocalDraft): Promise<Inspection | null> {
  draft.queued = true;
  saveDraft(draft);
  try {
    const result = await inspectionsApi.submit(draft.body);
    dropDraft(draft.body.round, draft.body.site);
    return result;
  } catch (e) {
    if (isTransient(e)) return null;
    draft.queued = false;
    saveDraft(draft);
    throw e;
  }
}

let flushing = false;
// Sends every queued draft; returns how many were sent.
export async function flushQueued(): Promise<number> {
  if (flushing) return 0;
  flushing = true;
  let sent = 0;
  try {
    for (const d of allDrafts().filter((x) => x.queued)) {
      try {
        if (await submitDraft(d)) sent++;
      } catch {
        // refused: stays as an unqueued draft for the inspector to correct
      }
    }
  } finally {
    flushing = false;
  }
  return sent;
}
