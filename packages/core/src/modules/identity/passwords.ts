import { z } from 'zod';

/** Password rules, shared by invitation acceptance and password change. */
export const passwordSchema = z
  .string()
  .min(10, 'Password must have at least 10 characters')
  .max(128, 'Password must have at most 128 characters')
  .refine((p) => /[A-Za-z\p{L}]/u.test(p) && /\d/.test(p), 'Password must contain letters and digits')
  .refine((p) => new Set(p).size >= 5, 'Password is too repetitive');

export const emailSchema = z
  .email('Not a valid email address')
  .max(254)
  .transform((e) => e.toLowerCase());
