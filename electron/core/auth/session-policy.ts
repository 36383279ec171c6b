import type { SessionPolicy } from '../../../shared/contracts/session';
import type { Session } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';

const KEY = 'session.policy';

/** An hour: long enough to read a series without a save, short enough for a shared workstation. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 60 };

export function sessionPolicyOf(study: OpenStudy): SessionPolicy {
  const stored = study.settings.get<Partial<SessionPolicy>>(KEY, {});
  const idle = stored.idleMinutes;
  return { idleMinutes: typeof idle === 'number' && idle >= 5 && idle <= 1440 ? idle : DEFAULT_SESSION_POLICY.idleMinutes };
}

/** Stores the policy with its audit row, in one transaction. */
export function setSessionPolicy(study: OpenStudy, policy: SessionPolicy, actorId: number): SessionPolicy {
  study.tx(() => {
    const now = new Date().toISOString();
    const before = sessionPolicyOf(study);
    study.settings.set(KEY, policy, actorId, now);
    study.audit.append({ actorId, action: 'session.set_policy', entity: 'study_setting', entityId: KEY, details: { from: before, to: policy } }, now);
  });
  return sessionPolicyOf(study);
}

/**
 * Called before every call of a session: signs it out when it has been idle for longer than its
 * study allows, and counts this call as activity. Returns the idle limit in minutes when it just
 * signed the session out (for the refusal's words), else null.
 */
export function expireIdleSession(registry: StudyRegistry, session: Session, now = Date.now()): number | null {
  let expiredAfter: number | null = null;
  const study = session.user && session.studyFile ? registry.get(session.studyFile) : undefined;
  if (study) {
    try {
      const { idleMinutes } = sessionPolicyOf(study);
      if (now - session.lastActiveAt > idleMinutes * 60_000) {
        session.user = null;
        expiredAfter = idleMinutes;
      }
    } catch {
      // A study that cannot be read now fails the call itself, with its own words.
    }
  }
  session.lastActiveAt = now;
  return expiredAfter;
}
