import { z } from 'zod';
import { Account, DisplayName, Password, RoleSchema, SessionStatus, Username } from '../model/people';
import { method } from './define';

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
    summary: 'Sign in to the open study.',
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
    summary: "Set an account's password (your own, or as admin/coordinator another's).",
    access: 'signedIn',
    params: z.object({ accountId: z.number().int().positive(), password: Password }).strict(),
    result: z.object({ changed: z.boolean() }),
  }),
  setActive: method({
    summary: 'Deactivate or reactivate an account (its reads stay).',
    access: ['coordinator', 'admin'],
    params: z.object({ accountId: z.number().int().positive(), active: z.boolean() }).strict(),
    result: Account,
  }),
};
