// The interviewer's outbox kept in the browser (localStorage), like the inspectors' drafts
// (features/inspections/drafts.ts): one entry per finished interview, under its client_id, fixed from the
// moment it is queued so a resend is recognised by the server (POST /api/responses is idempotent by
// client_id: the same body again answers 200 with the stored response). `sendInterview` tries at once and
// queues on a transient failure; `flushQueue` sends every queued one (on `online`, on 立即上传, at start).
import { ApiError } from '@/shared/api/client';
import { errorText } from '@/shared/api/errorText';
import { surveyApi } from './api';
import type { InterviewReceipt, ResponseBody } from './types';

export interface Queued {
  body: ResponseBody;
  queuedAt: string;
  // The last refusal (400/409) when the server would not take it: kept for the interviewer to see.
  refused?: string;
}

const PREFIX = 'civic.survey.queue.';

function read(key: string): Queued | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Queued) : null;
  } catch {
    return null;
  }
}

export function queued(): Queued[] {
  const out: Queued[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k || k.indexOf(PREFIX) !== 0) continue;
    const q = read(k);
    if (q) out.push(q);
  }
  return out.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : 1));
}

// How many wait to be sent (all of them, or one assignment's).
export function queuedCount(assignment?: number): number {
  return queued().filter((q) => !q.refused && (assignment === undefined || q.body.assignment === assignment)).length;
}

export function enqueue(body: ResponseBody): void {
  const entry: Queued = { body, queuedAt: new Date().toISOString() };
  localStorage.setItem(PREFIX + body.client_id, JSON.stringify(entry));
}

export function dequeue(clientId: string): void {
  localStorage.removeItem(PREFIX + clientId);
}

// True when the failure means "try again later" (offline, unreachable, busy, signed out), not a refusal.
export function isTransient(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500);
}

// Sends one interview: the receipt when the server took it; null when it was queued for later; a refusal
// (400/409) is thrown for the form to show, and nothing stays queued.
export async function sendInterview(body: ResponseBody): Promise<InterviewReceipt | null> {
  enqueue(body);
  try {
    const receipt = await surveyApi.submitInterview(body);
    dequeue(body.client_id);
    return receipt;
  } catch (e) {
    if (isTransient(e)) return null;
    dequeue(body.client_id);
    throw e;
  }
}

let flushing: Promise<number> | null = null;

// Sends every queued interview once; returns how many the server took. A refused one stays, marked.
export function flushQueue(): Promise<number> {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const q of queued()) {
      if (q.refused) continue;
      try {
        await surveyApi.submitInterview(q.body);
        dequeue(q.body.client_id);
        sent++;
      } catch (e) {
        if (isTransient(e)) break; // still offline: the rest wait too
        q.refused = errorText(e);
        localStorage.setItem(PREFIX + q.body.client_id, JSON.stringify(q));
      }
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
