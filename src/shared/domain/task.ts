import { z } from 'zod';
import { optionalText, recordId } from './fields';
import { TaskInput, calendarDay, zoneName } from './visit';

/** Tasks the app raises itself; a kind another build writes that this one does not know reads as an ordinary task. */
export const TASK_KINDS = ['thank_you'] as const;

export const TaskCreate = TaskInput.extend({ officeId: recordId, visitId: recordId.nullish() });

export const TaskUpdate = z.object({
  id: recordId,
  patch: z
    .object({
      title: TaskInput.shape.title,
      dueDate: calendarDay,
      ownerId: recordId.nullable(),
      notes: optionalText(2_000),
    })
    .partial(),
});

export const TaskQuery = z.object({
  /** whose tasks: a member's id, 'me', or 'all' */
  owner: z.union([recordId, z.literal('me'), z.literal('all')]).default('me'),
  /** open (default), done, or all */
  state: z.enum(['open', 'done', 'all']).default('open'),
  officeId: recordId.optional(),
  zone: zoneName.optional(),
});

export const Task = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  visitId: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  title: z.string(),
  dueDate: z.string(),
  doneAt: z.string().nullable(),
  notes: z.string().nullable(),
  /** null: an ordinary follow-up; thank_you: raised by new referrals, closed by logging a thank-you note */
  kind: z.enum(TASK_KINDS).nullable(),
  /** open and due before today (in the asker's zone) */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.output<typeof Task>;
