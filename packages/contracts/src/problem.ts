import { z } from 'zod';

/** One bad field of a request, as listed by a VALIDATION_FAILED problem. */
export const FieldError = z.object({
  /** Where the bad value is: `body.email`, `query.page`, `params.orderId`, `headers.x-foo`. */
  path: z.string(),
  message: z.string(),
  /** Zod issue code (`invalid_type`, `too_small`, …). */
  code: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/**
 * RFC 9457 problem document, as every error response of the API carries it
 * (`Content-Type: application/problem+json`). `code` is stable upper-snake and is
 * what clients switch on; `title`/`detail` are for people and may change.
 */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  traceId: z.string(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
