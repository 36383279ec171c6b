import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../shared/contracts';
import type { MethodSpec } from '../../../shared/contracts/define';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { openSqlite } from '../../../electron/core/db/sqlite';

/** The parts of a JSON Schema (draft 2020-12, as zod 4 writes it) this generator reads. */
interface Schema {
  type?: string | string[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: Schema;
  additionalProperties?: boolean;
}

interface Case {
  what: string;
  params: unknown;
  /** The path the refusal must name (first elements), or null where the whole value is wrong. */
  path: string[] | null;
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** The JSON types a schema accepts ('integer' counts as 'number' too). */
function acceptedTypes(s: Schema): Set<string> {
  const out = new Set<string>();
  const add = (t: string) => {
    out.add(t);
    if (t === 'number') out.add('integer');
  };
  if (s.anyOf) for (const a of s.anyOf) for (const t of acceptedTypes(a)) add(t);
  if (typeof s.type === 'string') add(s.type);
  if (Array.isArray(s.type)) s.type.forEach(add);
  for (const v of [...(s.enum ?? []), ...('const' in s ? [s.const] : [])]) add(jsonType(v));
  return out;
}

/** Values a property must refuse: each of another JSON type, then values of its type that break its bounds. */
function wrongValues(s: Schema): { what: string; value: unknown }[] {
  const accepted = acceptedTypes(s);
  const out: { what: string; value: unknown }[] = [];
  const candidates: [string, unknown][] = [
    ['string', 'not-a-valid-value'],
    ['integer', 12345],
    ['boolean', true],
    ['object', { nested: 1 }],
    ['array', [1, 2]],
    ['null', null],
  ];
  for (const [type, value] of candidates) if (!accepted.has(type)) out.push({ what: `${type} instead of ${[...accepted].join('|')}`, value });
  const single = s.anyOf ? s.anyOf.filter((a) => a.type !== 'null') : [s];
  for (const v of single) {
    if (v.type === 'integer') out.push({ what: 'a fraction for an integer', value: 1.5 });
    if (v.enum) out.push({ what: 'a value outside the enum', value: typeof v.enum[0] === 'string' ? 'no-such-choice' : -98765 });
    if (v.type === 'string' && v.maxLength !== undefined) out.push({ what: `a string over ${v.maxLength} characters`, value: 'x'.repeat(v.maxLength + 1) });
    if (v.type === 'string' && (v.minLength ?? 0) > 0) out.push({ what: 'an empty string', value: '' });
    if ((v.type === 'integer' || v.type === 'number') && v.maximum !== undefined && v.maximum < Number.MAX_SAFE_INTEGER) out.push({ what: `over the maximum ${v.maximum}`, value: v.maximum + 1 });
    if ((v.type === 'integer' || v.type === 'number') && v.exclusiveMinimum !== undefined) out.push({ what: 'at the exclusive minimum', value: v.exclusiveMinimum });
  }
  return out;
}

/** Wrong-typed, out-of-range, missing and extra-key parameters for one schema, recursing into nested objects. */
function casesFor(s: Schema, path: string[] = []): Case[] {
  const cases: Case[] = [];
  const wrap = (inner: unknown) => path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), inner);
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    for (const w of wrongValues(prop)) cases.push({ what: `${[...path, key].join('.')}: ${w.what}`, params: wrap({ [key]: w.value }), path: [...path, key] });
    const nested = prop.properties ? prop : prop.anyOf?.find((a) => a.properties);
    if (nested) cases.push(...casesFor(nested, [...path, key]));
  }
  for (const key of s.required ?? []) cases.push({ what: `${[...path, key].join('.')} missing`, params: wrap({}), path: [...path, key] });
  // Strict objects refuse unknown keys; nested non-strict ones (a mask) strip them, which is harmless.
  if (s.additionalProperties === false) cases.push({ what: `${path.join('.') || 'params'} with an extra key`, params: wrap({ unexpectedKey: 1 }), path: null });
  return cases;
}

const methods = Object.entries(contract).flatMap(([service, spec]) =>
  Object.entries(spec as Record<string, MethodSpec>).map(([name, m]) => ({ method: `${service}.${name}`, spec: m })),
);

describe('every contract method refuses malformed arguments with a clear bad_request (generated from the zod schemas)', () => {
  it('wrong types, values out of range, missing and extra keys, non-object parameters: refused, naming the method and the field, changing nothing', async () => {
    const file = await demoStudyCopy(1, 7);
    const { api, core } = testCore();
    await api('coord').study.open({ file });
    await api('coord').session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
    const auditRows = () => {
      const db = openSqlite(file, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM audit').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const before = auditRows();
    const session = core.sessions.get('coord');
    let checked = 0;
    const wrong: string[] = [];
    for (const { method, spec } of methods) {
      const schema = z.toJSONSchema(spec.params, { io: 'input', unrepresentable: 'any' }) as Schema;
      // A strict object: every key the schema does not name is refused.
      expect(schema.additionalProperties, `${method} accepts unknown keys`).toBe(false);
      const cases: Case[] = [...casesFor(schema), ...[42, 'text', [], true].map((p) => ({ what: `params ${JSON.stringify(p)}`, params: p, path: null }))];
      for (const c of cases) {
        const out = await core.router.call(session, method, c.params);
        checked++;
        if (out.ok) {
          wrong.push(`${method} accepted ${c.what}`);
          continue;
        }
        const issues = (out.error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues ?? [];
        const namesField = c.path === null || issues.some((i) => c.path!.every((k, n) => i.path[n] === k));
        const namesExtra = !c.what.endsWith('extra key') || issues.some((i) => i.message.includes('unexpectedKey'));
        if (out.error.code !== 'bad_request' || !out.error.message.startsWith(`Invalid arguments to ${method}:`) || !namesField || !namesExtra) {
          wrong.push(`${method} ${c.what}: ${out.error.code}: ${out.error.message.slice(0, 160)} ${JSON.stringify(issues).slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(methods.length * 6);
    // Nothing reached a service: no audit row, the session still has its study and its person.
    expect(auditRows()).toBe(before);
    expect(session.studyFile).toBe(file);
    expect(session.user?.role).toBe('coordinator');
  }, 60_000);

  it('method names that try the prototype chain or are not strings are unknown methods, and __proto__ keys pollute nothing', async () => {
    const { core } = testCore();
    const session = core.sessions.get('s');
    for (const name of ['__proto__.toString', 'constructor.name', 'study.__proto__', 'study.hasOwnProperty', 'study.constructor', 'toString', 'study.open.x', '', 42, null, ['study.open']]) {
      const out = await core.router.call(session, name, {});
      expect(out, String(name)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    const hostile = JSON.parse('{"file": "/tmp/x.bmestudy", "__proto__": {"polluted": true}}') as unknown;
    const out = await core.router.call(session, 'study.open', hostile);
    expect(out).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
