import { z } from 'zod';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    detail: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});

/** The 4xx answers every route may give, for the OpenAPI document. */
export const ErrorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** A new password: the length here, the rest (common lists, own details) in src/auth/password-policy.ts. */
export const Password = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');
export const IdParams = z.strictObject({ id: z.uuid() });

/** Lists are paged by an opaque cursor. */
export const PageQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
