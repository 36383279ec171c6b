import { z } from 'zod';
import { contract, type Contract, type ServiceName } from '../../shared/contracts';
import type { ImplOf, MethodSpec } from '../../shared/contracts/define';
import { AppError } from '../../shared/contracts/errors';
import type { Outcome } from '../../shared/contracts/outcome';
import type { Session } from './session';

/** What every service method receives beside its parsed parameters. */
export interface CallContext {
  session: Session;
}

export type Services = { [S in ServiceName]: ImplOf<Contract[S], CallContext> };

/**
 * The one router every host uses (Electron's ipcMain, the Node host's WebSocket, tests). It serves
 * exactly the methods of the contract, checks who may call them, validates the parameters with the
 * contract's schemas, and passes results through their schemas too, so that a service can never
 * hand a client a field the contract does not declare.
 */
export interface RouterHooks {
  /**
   * Runs before every call to a known method: may sign an idle session out, returning the idle
   * limit in minutes when it did (the refusal then says why), else null.
   */
  beforeCall?(session: Session): number | null;
}

export class Router {
  constructor(
    private readonly services: Services,
    private readonly hooks: RouterHooks = {},
  ) {}

  async call(session: Session, methodName: unknown, params: unknown): Promise<Outcome> {
    const spec = typeof methodName === 'string' ? lookup(methodName) : undefined;
    if (!spec) {
      return fail('unknown_method', `There is no method ${echo(methodName)} in the BME Workstation contract.`);
    }
    const [service, name] = (methodName as string).split('.') as [ServiceName, string];
    const idleMinutes = this.hooks.beforeCall?.(session) ?? null;
    const denied = checkAccess(spec, session, methodName as string, idleMinutes);
    if (denied) return denied;
    const parsed = spec.params.safeParse(params ?? {});
    if (!parsed.success) {
      return fail('bad_request', `Invalid arguments to ${methodName as string}: ${z.prettifyError(parsed.error)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    try {
      const impl = (this.services[service] as Record<string, (p: unknown, c: CallContext) => unknown>)[name]!;
      const raw = await impl.call(this.services[service], parsed.data, { session });
      const out = spec.result.safeParse(raw);
      if (!out.success) {
        // A bug on our side, not the caller's: say so plainly and keep the detail for the log.
        return fail('internal', `${methodName as string} produced a result the contract does not allow.`, {
          issues: out.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        });
      }
      return { ok: true, result: out.data };
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.details);
      const message = err instanceof Error ? err.message : String(err);
      return fail('internal', `${methodName as string} failed unexpectedly: ${message}`);
    }
  }
}

function lookup(methodName: string): MethodSpec | undefined {
  const parts = methodName.split('.');
  if (parts.length !== 2) return undefined;
  const [service, name] = parts as [string, string];
  if (!Object.hasOwn(contract, service)) return undefined;
  const svc = contract[service as ServiceName] as Record<string, MethodSpec>;
  return Object.hasOwn(svc, name) ? svc[name] : undefined;
}

function checkAccess(spec: MethodSpec, session: Session, methodName: string, idleMinutes: number | null): Outcome | null {
  const access = spec.access;
  if (access === 'anyone') return null;
  if (!session.studyFile) return fail('no_study', `${methodName} needs an open study. Open or create one first.`);
  if (access === 'study') return null;
  if (!session.user) {
    if (idleMinutes !== null) {
      return fail('unauthenticated', `You were signed out after ${idleMinutes} minutes without activity (the study's idle timeout). Sign in again; everything you saved is kept.`);
    }
    return fail('unauthenticated', `${methodName} needs a signed-in person. Sign in to the study first.`);
  }
  if (access === 'signedIn') return null;
  if (!access.includes(session.user.role)) {
    return fail('forbidden', `${methodName} is for ${access.join(' or ')} accounts; ${session.user.name} is a ${session.user.role}.`);
  }
  return null;
}

/** What a refusal repeats of the caller's input: enough to recognise it, never the whole of it. */
function echo(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 81)) : typeof value;
  return text.length > 82 ? `${text.slice(0, 80)}..."` : text;
}

const MAX_MESSAGE = 2000;
const MAX_ISSUES = 20;

/**
 * A refusal as it goes on the wire. Validation messages quote what the caller sent (an unknown
 * key's name, say), so a 50 MB key would come back as a 50 MB error: messages, issue lists and
 * paths are capped here, for every refusal whatever produced it.
 */
function fail(code: string, message: string, details?: unknown): Outcome {
  const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}... (cut)` : message;
  return { ok: false, error: details === undefined ? { code, message: short } : { code, message: short, details: boundedDetails(details) } };
}

function boundedDetails(details: unknown): unknown {
  const d = details as { issues?: { path: string[]; message: string }[] } | null;
  if (!d || !Array.isArray(d.issues)) return details;
  return {
    ...d,
    issues: d.issues.slice(0, MAX_ISSUES).map((i) => ({ path: i.path.slice(0, 10).map((p) => p.slice(0, 80)), message: i.message.slice(0, 300) })),
  };
}
