import { z } from 'zod';

/** `?ar=2024`: a year asked for in a page's query; anything else reads as none. */
export const yearQuery = z.object({
  ar: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
});
