import { z } from 'zod';

/** The inputs of the tenants module: one zod schema each, their types inferred (never written twice). */
export const planInput = z.object({
  seats: z.number().int().min(1).max(100_000),
  apiRatePerMinute: z.number().int().min(10).max(1_000_000),
  storageMb: z.number().int().min(10).max(10_000_000),
});
export type PlanInput = z.infer<typeof planInput>;

export const IANA_ZONES = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

export const onboardInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120),
  slug: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/,
      'Slug: 3–40 lowercase letters, digits or dashes, starting with a letter',
    ),
  tier: z.enum(['POOLED', 'SILOED']),
  plan: planInput,
  locale: z.enum(['zh-CN', 'en']),
  timeZone: z.string().refine((tz) => IANA_ZONES.has(tz), 'Not an IANA time zone (e.g. Asia/Shanghai)'),
  adminEmail: z
    .email('Not a valid email address')
    .max(254)
    .transform((e) => e.toLowerCase()),
  adminName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .nullish()
    .transform((v) => v ?? undefined),
});
export type OnboardInput = z.infer<typeof onboardInput>;
