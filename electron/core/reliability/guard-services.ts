import type { CallContext, Services } from '../router';
import { storageFailure } from './storage-errors';

type AnyMethod = (params: unknown, ctx: CallContext) => unknown;

/**
 * Wraps every service method so that a storage failure anywhere below it (disk full, read-only
 * folder, I/O error, a lock held by another program) reaches the caller as an 'io' AppError in
 * words naming the session's study file, instead of the router's generic 'internal' failure.
 * Other errors pass through unchanged.
 */
export function guardStorageFailures(services: Services): Services {
  const guarded: Record<string, Record<string, AnyMethod>> = {};
  for (const [serviceName, impl] of Object.entries(services) as [string, Record<string, AnyMethod>][]) {
    guarded[serviceName] = {};
    for (const [methodName, fn] of Object.entries(impl)) {
      guarded[serviceName][methodName] = (params, ctx) => {
        const rethrow = (err: unknown): never => {
          throw storageFailure(err, ctx.session.studyFile) ?? err;
        };
        try {
          const out = fn.call(impl, params, ctx);
          return out instanceof Promise ? out.catch(rethrow) : out;
        } catch (err) {
          return rethrow(err);
        }
      };
    }
  }
  return guarded as unknown as Services;
}
