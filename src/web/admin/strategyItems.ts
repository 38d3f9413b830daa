import { z } from 'zod';
import type { ContentKind } from '../../domain/drafting/content.js';
import type { VersionContent } from '../../domain/drafting/queries.js';
import { NotFoundError } from '../../domain/errors.js';
import { many } from './strategyFormParts.js';
import { kindSegments } from './strategyViews.js';

/** The addresses of a strategy version's content, and a piece of content as form values. */

/** An id in an address: digits only, a PostgreSQL integer above zero. */
const pathId = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .refine((n) => n > 0 && n <= 2_147_483_647);
const idSchema = z.object({ id: pathId });
const itemSchema = idSchema.extend({
  kind: z.enum(Object.values(kindSegments) as [string, ...string[]]),
  itemId: z.union([z.literal('ny'), pathId]),
});
/** The address's parameters, or 404: an address that names nothing is not a bad request. */
const paramsOf =
  <S extends z.ZodType>(schema: S) =>
  (params: unknown): z.infer<S> => {
    const parsed = schema.safeParse(params);
    if (!parsed.success) throw new NotFoundError();
    return parsed.data;
  };
export const idParams = { parse: paramsOf(idSchema) };
export const itemParams = { parse: paramsOf(itemSchema) };
export const kindOfSegment = Object.fromEntries(
  Object.entries(kindSegments).map(([k, v]) => [v, k as ContentKind]),
) as Record<string, ContentKind>;

type Item = Record<string, unknown> & { id: number; nameSv: string; nameEn: string };

/** The item of `kind` with `id` in the version, as form values. */
export function findItem(content: VersionContent, kind: ContentKind, id: number): Item | null {
  switch (kind) {
    case 'goalArea':
      return content.areas.find((a) => a.id === id) ?? null;
    case 'goal':
      return content.areas.flatMap((a) => a.goals).find((g) => g.id === id) ?? null;
    case 'perspective':
      return content.perspectives.find((x) => x.id === id) ?? null;
    case 'programme':
      return content.programmes.find((x) => x.id === id) ?? null;
    case 'measure':
      return content.programmes.flatMap((x) => x.measures).find((m) => m.id === id) ?? null;
  }
}

/** Form values of a body for a content kind: strings, with the programme's areas as a list. */
export function valuesOf(kind: ContentKind, body: Record<string, string | string[]>) {
  const values: Record<string, unknown> = { ...body };
  if (kind === 'programme') values.goalAreaIds = many(body.goalAreaIds);
  return values;
}
