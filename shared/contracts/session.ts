import { z } from 'zod';
import { Account, DisplayName, Password, RoleSchema, SessionStatus, Username } from '../model/people';
import { method } from './define';

/** The study's rule for idle sessions. */
export const SessionPolicy = z.object({
  /** Minutes without any call after which a signed-in session is signed out (5 to 1440). */
  idleMinutes: z.number().int().min(5).max(1440),
});
export type SessionPolicy = z.infer<typeof SessionPolicy>;

export const sessionSpec = {
  status: method({
    summary: 'Who is signed in to the open study in this session, and whether it still needs a first coordinator.',
    access: 'study',
    params: z.object({}).strict(),
    result: SessionStatus,
  }),
  createFirstCoordinator: method({
    summary: 'On a study without accounts: create the first coordinator and sign in as them.',
    access: 'study',
    params: z.object({ username: Username, displayName: DisplayName, password: Password }).strict(),
    result: Account,
  }),
  signIn: method({
    summary: 'Sign in to the open study. After 5 wrong passwords in a row the account name is locked for a while (rate_limited); failures are recorded.',
    access: 'study',
    params: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
    result: Account,
  }),
  signOut: method({
    summary: 'Sign out of the open study.',
    access: 'study',
    params: z.object({}).strict(),
    result: z.object({ signedOut: z.boolean() }),
  }),
};

export const accountsSpec = {
  list: method({
    summary: 'Every account of the study.',
    access: ['coordinator', 'admin'],
    params: z.object({}).strict(),
    result: z.array(Account),
  }),
  create: method({
    summary: 'Create an account (coordinators create readers; admins create any role).',
    access: ['coordinator', 'admin'],
    params: z.object({ username: Username, displayName: DisplayName, role: RoleSchema, password: Password }).strict(),
    result: Account,
  }),
  setPassword: method({
    summary: "Set an account's password (your own, with the current one; or as admin/coordinator another's). Ends the account's other open sessions.",
    access: 'signedIn',
    params: z
      .object({
        accountId: z.number().int().positive(),
        password: Password,
        /** Your current password: required when `accountId` is your own account. */
        currentPassword: z.string().min(1).max(200).optional(),
      })
      .strict(),
    result: z.object({ changed: z.boolean() }),
  }),
  sessionPolicy: method({
    summary: 'How long a signed-in session may stay idle before it is signed out.',
    access: ['coordinator', 'admin'],
    params: z.object({}).strict(),
    result: SessionPolicy,
  }),
  setSessionPolicy: method({
    summary: 'Set the idle timeout of signed-in sessions in this study (recorded).',
    access: ['coordinator', 'admin'],
    params: SessionPolicy.strict(),
    result: SessionPolicy,
  }),
  setActive: method({
    summary: 'Deactivate or reactivate an account (its reads stay). Deactivating ends its open sessions.',
    access: ['coordinator', 'admin'],
    params: z.object({ accountId: z.number().int().positive(), active: z.boolean() }).strict(),
    result: Account,
  }),
};
