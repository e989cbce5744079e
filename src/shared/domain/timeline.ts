import { z } from 'zod';

/** One dated event on an office's history. Visits, gifts and notes will fill it as they land. */
export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['visit', 'gift', 'note']),
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.output<typeof TimelineEntry>;
