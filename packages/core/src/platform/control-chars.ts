import { z } from 'zod';
import { PlatformError } from './errors.js';

/**
 * Control characters at the boundary. Every string an API caller sends — GraphQL arguments (in
 * `resolver()`), REST params, query and body (in `mountRoute()`) — is walked before validation:
 * NUL and the other C0 control characters (and DEL) are refused with 400 BAD_USER_INPUT. The
 * database would refuse a NUL with a server error, and no single-line field (a name, an email, a
 * search) has a use for the others. A field whose text may span lines opts in with `multiline()`,
 * which allows tab, line feed and carriage return there — never NUL.
 */

declare module 'zod' {
  interface GlobalMeta {
    /** Set by `multiline()`: tab, LF and CR are allowed in this string. */
    multiline?: boolean;
    /** Set by `validatedLater()`: the schema the handler will validate this position with. */
    validatedBy?: unknown;
  }
}

/** C0 controls and DEL. */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
/** The same, minus tab, LF and CR. */
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Marks a string schema as multi-line text (a description, a message body): tab, LF and CR
 * are accepted in it; NUL and the other controls are still refused. Wrap the field's string
 * schema, e.g. `body: multiline(z.string().max(10_000))` (checks added afterwards keep the mark).
 */
export function multiline<T extends z.ZodType<string | null | undefined>>(schema: T): T {
  return schema.meta({ multiline: true });
}

/**
 * An input the handler validates itself, later (a patch checked once the record it changes is
 * found, so that another tenant's id answers NOT_FOUND first; a body checked after its size):
 * accepted as anything here, while the boundary still reads `schema` for where line breaks are
 * allowed.
 */
export function validatedLater(schema: z.ZodType): z.ZodUnknown {
  return z.unknown().meta({ validatedBy: schema });
}

/** The parts of a zod definition the walk looks through (zod's own types, read structurally). */
interface DefView {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: readonly unknown[];
  left?: unknown;
  right?: unknown;
  items?: readonly unknown[];
  rest?: unknown;
  getter?: () => unknown;
}

const defOf = (s: unknown): DefView | undefined =>
  s instanceof z.ZodType ? (s._zod.def as unknown as DefView) : undefined;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The schemas a value may be checked against at one position, wrappers and unions opened. */
function expand(schemas: readonly unknown[]): { leaves: unknown[]; multiline: boolean } {
  const leaves: unknown[] = [];
  let multi = false;
  const todo = [...schemas];
  for (let guard = 0; todo.length > 0 && guard < 200; guard += 1) {
    const s = todo.pop();
    const meta = s instanceof z.ZodType ? z.globalRegistry.get(s) : undefined;
    if (meta?.multiline === true) multi = true;
    if (meta?.validatedBy) todo.push(meta.validatedBy);
    const def = defOf(s);
    if (!def) continue;
    if (WRAPPERS.has(def.type)) todo.push(def.innerType);
    else if (def.type === 'pipe') todo.push(def.in);
    else if (def.type === 'lazy' && def.getter) todo.push(def.getter());
    else if (def.type === 'union') todo.push(...(def.options ?? []));
    else if (def.type === 'intersection') todo.push(def.left, def.right);
    else leaves.push(s);
  }
  return { leaves, multiline: multi };
}

/** The schemas of a child position (an object key or an array index). */
function childSchemas(leaves: readonly unknown[], key: string | number): unknown[] {
  const out: unknown[] = [];
  for (const s of leaves) {
    const def = defOf(s);
    if (!def) continue;
    if (def.type === 'object' && typeof key === 'string') {
      const field = def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : def.catchall;
      if (field) out.push(field);
    } else if (def.type === 'record' && def.valueType) out.push(def.valueType);
    else if (def.type === 'array' && def.element) out.push(def.element);
    else if (def.type === 'tuple' && typeof key === 'number') {
      const item = def.items?.[key] ?? def.rest;
      if (item) out.push(item);
    }
  }
  return out;
}

/** Where the walk found a control character, for the error's `issues` (never the value itself). */
export class ControlCharacterError extends PlatformError {
  /** Read by graphql-js (a GraphQLError copies its original error's `extensions`) and by Apollo,
   * which answers the request with this HTTP status. */
  readonly extensions = { http: { status: 400 } };

  constructor(where: string, path: readonly (string | number)[]) {
    const full = [where, ...path].join('.');
    // A position deep inside a crafted body must not make a huge answer.
    const at = full.length > 200 ? `${full.slice(0, 120)}…${full.slice(-60)}` : full;
    super('BAD_USER_INPUT', `Control characters are not allowed in ${at}`, {
      issues: [{ path: at, message: 'Control characters (such as NUL) are not allowed here' }],
    });
  }
}

/**
 * Throws ControlCharacterError if a string in `value` (object keys included) holds a control
 * character its schema position does not allow. Iterative, so a deeply nested body cannot
 * overflow the stack; positions the schema does not describe are single-line.
 */
export function assertNoControlChars(value: unknown, schema: z.ZodType | undefined, where: string): void {
  interface Node {
    value: unknown;
    schemas: unknown[];
    key: string | number | undefined;
    parent: Node | undefined;
  }
  const pathOf = (n: Node): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Node | undefined = n; at?.key !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value, schemas: schema ? [schema] : [], key: undefined, parent: undefined }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { leaves, multiline: multi } = expand(node.schemas);
    const v = node.value;
    if (typeof v === 'string') {
      if ((multi ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(v)) {
        throw new ControlCharacterError(where, pathOf(node));
      }
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) {
        stack.push({ value: item, schemas: childSchemas(leaves, i), key: i, parent: node });
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (SINGLE_LINE_FORBIDDEN.test(key)) throw new ControlCharacterError(where, pathOf(node));
        stack.push({ value: item, schemas: childSchemas(leaves, key), key, parent: node });
      }
    }
  }
}
