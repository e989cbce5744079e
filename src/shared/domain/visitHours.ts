import { z } from 'zod';

/** ISO weekdays, as Temporal numbers them: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_SHORT: Record<Weekday, string> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' };

const clock = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 08:30 or 14:00');

/**
 * One window when the doctors are in and a visit is welcome: these weekdays, from–to in the
 * office's local wall-clock time (the same zone the liaison plans in).
 */
export const VisitWindow = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one weekday').max(7),
    from: clock,
    to: clock,
  })
  .refine((w) => w.from < w.to, { message: 'The window must end after it starts', path: ['to'] })
  .transform((w) => ({ ...w, days: [...new Set(w.days)].sort() as Weekday[] }));
export type VisitWindow = z.output<typeof VisitWindow>;

/** An office's structured best times; none means "any time" (nothing to warn about). */
export const VisitHours = z.array(VisitWindow).max(14, 'Keep it to 14 windows or fewer');
export type VisitHours = z.output<typeof VisitHours>;
