import { z } from 'zod';

/** One dated event on an office's history; each domain contributes its own kinds. */
export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['person', 'visit', 'gift', 'referral', 'note']),
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.output<typeof TimelineEntry>;
