// Shapes every part of the API shares: a page of a list, id path parameters, an empty answer.
import { z } from 'zod';

/** A page of a list: `items` of the page, how many in all, which page and its size. */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** `/:id` of a resource with a uuid id. */
export const IdParams = z.object({ id: z.uuid() });

/** A 204 answer's (absent) body. */
export const NoContent = z.null().describe('No content');
