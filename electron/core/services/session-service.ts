import type { accountsSpec, sessionSpec } from '../../../shared/contracts/session';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { Account } from '../../../shared/model/people';
import { hashPassword, verifyPassword } from '../auth/password-hash';
import type { AccountRow } from '../db/repositories/account-repository';
import type { EventBus } from '../event-bus';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

export const publicAccount = (a: AccountRow): Account => ({ id: a.id, username: a.username, displayName: a.displayName, role: a.role, active: a.active });

/** A fixed hash to verify against when the user name is unknown, so both cases take as long. */
let decoyHash: Promise<string> | null = null;

export function createSessionService(registry: StudyRegistry, events: EventBus): ImplOf<typeof sessionSpec, CallContext> {
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
      const account = study.accounts.byUsername(username);
      decoyHash ??= hashPassword('decoy password for unknown users');
      const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
      if (!account || !ok) throw new AppError('unauthenticated', 'The user name or password is wrong.');
      if (!account.active) throw new AppError('forbidden', `The account ${account.username} is deactivated. Ask the study's coordinator.`);
      session.user = { id: account.id, name: account.displayName, role: account.role };
      study.tx(() => study.audit.append({ actorId: account.id, action: 'session.sign_in', entity: 'account', entityId: String(account.id) }));
      return publicAccount(account);
    },

    signOut(_p, { session }) {
      const was = session.user;
      session.user = null;
      return { signedOut: was !== null };
    },
  };
}

export function createAccountsService(registry: StudyRegistry): ImplOf<typeof accountsSpec, CallContext> {
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

    async setPassword({ accountId, password }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const target = study.accounts.byId(accountId);
      if (!target) throw new AppError('not_found', `There is no account ${accountId}.`);
      const allowed = me.id === accountId || me.role === 'admin' || (me.role === 'coordinator' && target.role === 'reader');
      if (!allowed) throw new AppError('forbidden', `You may not change the password of ${target.username}.`);
      const passwordHash = await hashPassword(password);
      study.tx(() => {
        study.accounts.setPassword(accountId, passwordHash);
        study.audit.append({ actorId: me.id, action: 'account.set_password', entity: 'account', entityId: String(accountId) });
      });
      return { changed: true };
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
      return publicAccount(study.accounts.byId(accountId)!);
    },
  };
}
