import { z } from 'zod';

export const RoleSchema = z.enum(['reader', 'coordinator', 'admin']);

/** A person as others see them: never the password hash. */
export const Account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
});
export type Account = z.infer<typeof Account>;

/** Who this session is, and whether the study still needs its first coordinator. */
export const SessionStatus = z.object({
  needsFirstCoordinator: z.boolean(),
  user: Account.nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Username = z
  .string()
  .trim()
  .min(2, 'a user name has at least 2 characters')
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'a user name uses letters, digits, dot, dash and underscore only');
export const Password = z.string().min(8, 'a password has at least 8 characters').max(200);
export const DisplayName = z.string().trim().min(1, 'a display name is required').max(80);
