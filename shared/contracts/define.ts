import { z } from 'zod';

/**
 * One method of a service contract: a schema for its single parameter object and a schema for
 * its result. Every method of every service takes exactly one plain object, so that the router can
 * validate it whole and the wire format stays the same on every transport.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
  /** Who may call it. 'anyone' needs no signed-in person; 'signedIn' needs one; roles narrow it. */
  access: Access;
  /** One line for humans (CLI help, generated docs, refusal messages). */
  summary: string;
}

export type Role = 'reader' | 'coordinator' | 'admin';
export type Access = 'anyone' | 'study' | 'signedIn' | readonly Role[];

export function method<P extends z.ZodType, R extends z.ZodType>(
  spec: MethodSpec<P, R>,
): MethodSpec<P, R> {
  return spec;
}

export type ServiceSpec = Record<string, MethodSpec>;

/**
 * The async interface a service spec describes, as its callers see it. A method whose parameter
 * object may be empty can be called without one: `api.reading.worklist()`.
 */
export type ApiOf<S extends ServiceSpec> = {
  [K in keyof S]: (
    ...args: {} extends z.input<S[K]['params']> ? [params?: z.input<S[K]['params']>] : [params: z.input<S[K]['params']>]
  ) => Promise<z.output<S[K]['result']>>;
};

/** The same interface as the Node side implements it: parsed params and a call context. */
export type ImplOf<S extends ServiceSpec, Ctx> = {
  [K in keyof S]: (
    params: z.output<S[K]['params']>,
    ctx: Ctx,
  ) => Promise<z.input<S[K]['result']>> | z.input<S[K]['result']>;
};

/** An error as it crosses a transport: a stable code for programs and a message for people. */
export const ErrorPayload = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;
