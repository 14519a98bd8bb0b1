/** A normalised value, or why the input is not one (a reason code the caller maps to its own error). */
export type Normalised<R extends string> = { ok: true; value: string } | { ok: false; reason: R };

export const ok = <R extends string>(value: string): Normalised<R> => ({ ok: true, value });
export const fail = <R extends string>(reason: R): Normalised<R> => ({ ok: false, reason });

/**
 * The fallback mask for something that is not a well-formed value of its kind: every character
 * but the last four becomes '*' — and all of them when it is eight characters or fewer, so a short
 * value is never mostly shown.
 */
export function maskAllButLast4(value: string): string {
  const chars = [...value.replace(/[\s-]/g, '')];
  const keep = chars.length > 8 ? chars.slice(-4).join('') : '';
  return `${'*'.repeat(Math.max(4, chars.length - keep.length))}${keep}`;
}
