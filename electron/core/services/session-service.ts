import type { accountsSpec, sessionSpec } from '../../../shared/contracts/session';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { Account } from '../../../shared/model/people';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password-hash';
import { sessionPolicyOf, setSessionPolicy } from '../auth/session-policy';
import type { SignInGuard } from '../auth/sign-in-guard';
import type { AccountRow } from '../db/repositories/account-repository';
import type { EventBus } from '../event-bus';
import type { CallContext } from '../router';
import type { SessionStore } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

export const publicAccount = (a: AccountRow): Account => ({ id: a.id, username: a.username, displayName: a.displayName, role: a.role, active: a.active });

/** A fixed hash to verify against when the user name is unknown, so both cases take as long. */
let decoyHash: Promise<string> | null = null;

/**
 * Records a failed sign-in. The name is kept only when it is an account's (people type passwords
 * into the name field). Never fails the sign-in's own answer: a study that cannot be written now
 * still says 'wrong password'.
 */
function auditFailedSignIn(study: OpenStudy, account: AccountRow | null, reason: string, locked: boolean): void {
  try {
    study.tx(() => {
      const details = account ? { username: account.username, reason } : { reason: 'unknown_user' };
      study.audit.append({ actorId: null, action: 'session.sign_in_failed', entity: 'account', entityId: account ? String(account.id) : null, details });
      if (locked) study.audit.append({ actorId: null, action: 'session.sign_in_locked', entity: 'account', entityId: account ? String(account.id) : null, details });
    });
  } catch (err) {
    console.warn(`bme: a failed sign-in could not be recorded in ${study.file}: ${(err as Error).message}`);
  }
}

export function createSessionService(registry: StudyRegistry, events: EventBus, guard: SignInGuard): ImplOf<typeof sessionSpec, CallContext> {
  void events;
  return {
    status(_p, { session }) {
      const study = studyOf(registry, session);
      const user = session.user ? study.accounts.byId(session.user.id) : null;
      return { needsFirstCoordinator: study.accounts.count() === 0, user: user ? publicAccount(user) : null };
    },

    async createFirstCoordinator({ username, displayName, password }, { session }) {
      const study = studyOf(registry, session);
      const passwordHash = await hashPassword(password);
      const id = study.tx(() => {
        if (study.accounts.count() > 0) {
          throw new AppError('conflict', 'This study already has accounts: sign in, or ask its coordinator for one.');
        }
        const now = new Date().toISOString();
        const newId = study.accounts.insert({ username, displayName, role: 'coordinator', passwordHash, createdAt: now });
        study.audit.append({ actorId: newId, action: 'account.create_first', entity: 'account', entityId: String(newId), details: { username, role: 'coordinator' } }, now);
        return newId;
      });
      const account = study.accounts.byId(id)!;
      session.user = { id, name: account.displayName, role: account.role };
      return publicAccount(account);
    },

    async signIn({ username, password }, { session }) {
      const study = studyOf(registry, session);
      // Limited before any hashing: a locked name costs no CPU and no memory.
      guard.begin(study.file, username);
      let ok: boolean | null = null; // null: never checked (the hashing queue was full)
      let account: AccountRow | null = null;
      try {
        account = study.accounts.byUsername(username);
        decoyHash ??= hashPassword('decoy password for unknown users').catch((err: unknown) => {
          decoyHash = null;
          throw err;
        });
        ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
      } finally {
        const outcome = ok === null ? 'unchecked' : ok && account ? 'ok' : 'failed';
        const locked = guard.settle(study.file, username, outcome);
        if (outcome === 'failed') auditFailedSignIn(study, account, 'wrong_password', locked);
      }
      if (!account || !ok) throw new AppError('unauthenticated', 'The user name or password is wrong.');
      if (!account.active) throw new AppError('forbidden', `The account ${account.username} is deactivated. Ask the study's coordinator.`);
      const signedIn = account;
      // A hash made with weaker parameters than today's is replaced while the password is at hand.
      const rehash = needsRehash(signedIn.passwordHash) ? await hashPassword(password).catch(() => null) : null;
      session.user = { id: signedIn.id, name: signedIn.displayName, role: signedIn.role };
      session.lastActiveAt = Date.now();
      // A study without its audit key on this machine is read-only: it can be looked at, and a
      // sign-in that cannot be recorded is not refused for that (every change still is).
      if (study.audit.readOnlyReason()) return publicAccount(signedIn);
      study.tx(() => {
        study.audit.append({ actorId: signedIn.id, action: 'session.sign_in', entity: 'account', entityId: String(signedIn.id) });
        if (rehash) {
          study.accounts.setPassword(signedIn.id, rehash);
          study.audit.append({ actorId: signedIn.id, action: 'account.rehash', entity: 'account', entityId: String(signedIn.id), details: { scrypt: rehash.split('$').slice(1, 4).join('/') } });
        }
      });
      return publicAccount(signedIn);
    },

    signOut(_p, { session }) {
      const was = session.user;
      session.user = null;
      return { signedOut: was !== null };
    },
  };
}

export function createAccountsService(registry: StudyRegistry, sessions: SessionStore, guard: SignInGuard): ImplOf<typeof accountsSpec, CallContext> {
  return {
    list(_p, { session }) {
      return studyOf(registry, session).accounts.all().map(publicAccount);
    },

    async create({ username, displayName, role, password }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      if (role !== 'reader' && me.role !== 'admin' && !(me.role === 'coordinator' && role === 'coordinator')) {
        throw new AppError('forbidden', `Only an admin can create ${role} accounts.`);
      }
      if (study.accounts.byUsername(username)) throw new AppError('conflict', `There is already an account named ${username}.`);
      const passwordHash = await hashPassword(password);
      const id = study.tx(() => {
        const now = new Date().toISOString();
        const newId = study.accounts.insert({ username, displayName, role, passwordHash, createdAt: now });
        study.audit.append({ actorId: me.id, action: 'account.create', entity: 'account', entityId: String(newId), details: { username, role } }, now);
        return newId;
      });
      return publicAccount(study.accounts.byId(id)!);
    },

    async setPassword({ accountId, password, currentPassword }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const target = study.accounts.byId(accountId);
      if (!target) throw new AppError('not_found', `There is no account ${accountId}.`);
      const own = me.id === accountId;
      const allowed = own || me.role === 'admin' || (me.role === 'coordinator' && target.role === 'reader');
      if (!allowed) throw new AppError('forbidden', `You may not change the password of ${target.username}.`);
      if (own) {
        // Whoever finds a signed-in window unattended must not be able to take the account over.
        if (!currentPassword) throw new AppError('unauthenticated', 'To change your own password, give your current password too.');
        guard.begin(study.file, target.username);
        let ok: boolean | null = null;
        try {
          ok = await verifyPassword(currentPassword, target.passwordHash);
        } finally {
          const locked = guard.settle(study.file, target.username, ok === null ? 'unchecked' : ok ? 'ok' : 'failed');
          if (ok === false) auditFailedSignIn(study, target, 'wrong_current_password', locked);
        }
        if (!ok) throw new AppError('unauthenticated', 'Your current password is wrong; the password was not changed.');
      }
      const passwordHash = await hashPassword(password);
      study.tx(() => {
        study.accounts.setPassword(accountId, passwordHash);
        study.audit.append({ actorId: me.id, action: 'account.set_password', entity: 'account', entityId: String(accountId) });
      });
      // Whoever knew the old password is signed out everywhere (but not the tab that changed it).
      sessions.endSessionsOf(study.file, accountId, own ? session : undefined);
      guard.clear(study.file, target.username);
      return { changed: true };
    },

    sessionPolicy(_p, { session }) {
      return sessionPolicyOf(studyOf(registry, session));
    },

    setSessionPolicy(policy, { session }) {
      return setSessionPolicy(studyOf(registry, session), policy, userOf(session).id);
    },

    setActive({ accountId, active }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const target = study.accounts.byId(accountId);
      if (!target) throw new AppError('not_found', `There is no account ${accountId}.`);
      if (target.id === me.id) throw new AppError('conflict', 'You cannot deactivate your own account.');
      if (target.role !== 'reader' && me.role !== 'admin') throw new AppError('forbidden', `Only an admin can deactivate ${target.role} accounts.`);
      study.tx(() => {
        study.accounts.setActive(accountId, active);
        study.audit.append({ actorId: me.id, action: active ? 'account.activate' : 'account.deactivate', entity: 'account', entityId: String(accountId) });
      });
      if (!active) sessions.endSessionsOf(study.file, accountId);
      return publicAccount(study.accounts.byId(accountId)!);
    },
  };
}
