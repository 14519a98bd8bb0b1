import { maskText } from './detect.js';

/** Deeper than this is not data anyone logs on purpose; it is cut rather than walked. */
const MAX_DEPTH = 64;

/**
 * A copy of any value with every string in it masked (maskText): values and object keys, in
 * plain objects, arrays, Maps, Sets and Errors (message, stack, cause, own fields), cycles kept as
 * cycles. Dates, buffers and typed arrays are kept as they are; other class instances with a
 * toJSON (Mongoose documents, ObjectIds) are masked in their JSON form; instances without one are
 * kept as they are. Numbers are not masked: PII arrives as text (a phone number stored as a
 * number has lost its leading + and is still caught by whoever formats it).
 *
 * For logs, job payloads, exports, and whatever a bot or plugin without `customer.pii:read`
 * receives. Never mutates its input.
 */
export function maskDeep<T>(value: T): T {
  return walk(value, new WeakMap(), 0) as T;
}

/** An own enumerable property, even for a key like "__proto__" (plain assignment would set the prototype). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function walk(value: unknown, seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  const next = (v: unknown) => walk(v, seen, depth + 1);

  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(next(item));
    return out;
  }
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) out.set(next(k), next(v));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const v of value) out.add(next(v));
    return out;
  }
  if (value instanceof Error) {
    // Same prototype, so `instanceof` and log serializers still see an error.
    const out = Object.create(Object.getPrototypeOf(value) as object) as Error;
    seen.set(value, out);
    const define = (key: string, v: unknown) =>
      Object.defineProperty(out, key, { value: v, writable: true, configurable: true, enumerable: false });
    define('message', maskText(value.message));
    if (value.stack !== undefined) define('stack', maskText(value.stack));
    if (value.cause !== undefined) define('cause', next(value.cause));
    for (const [k, v] of Object.entries(value)) setOwn(out, maskText(k), next(v));
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> =
      proto === null ? (Object.create(null) as Record<string, unknown>) : {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) setOwn(out, maskText(k), next(v));
    return out;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const json: unknown = toJSON.call(value);
    const out = next(json);
    seen.set(value, out);
    return out;
  }
  return value;
}
