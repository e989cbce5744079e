import { useForm } from '@mantine/form';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useChanges } from '../changes';
import { confirmDiscard } from '../components/confirmDiscard';
import { ApiError } from '../api';
import { applyServerErrors, zodFormErrors } from '../formErrors';
import { notifyError } from '../notify';

/** Keeps an open edit form in step with its record while someone else changes it. */
export interface LiveRecord<V> {
  /** the tables and ids whose changes may touch the record */
  tables: string[];
  ids: string[];
  /** the record's values now, in the form's shape */
  fetch: () => Promise<V | null>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every field's path: top-level keys, and `group.part` for the parts of a group such as an address. */
function fieldPaths(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([k, v]) => (isGroup(v) ? Object.keys(v).map((part) => `${k}.${part}`) : [k]));
}

function at(values: Record<string, unknown>, path: string): unknown {
  const [k, part] = path.split('.') as [string, string | undefined];
  const v = values[k];
  return part === undefined ? v : isGroup(v) ? v[part] : undefined;
}

/**
 * A form in a dialog: checked by a shared zod schema as the user leaves each field, reset to
 * `initial` each time the dialog opens, saving state while the call runs, server refusals that
 * name a field shown on that field, and a confirmation before unsaved typing is thrown away.
 *
 * With `live`, an edit form follows its record: a field the user has not touched takes the new
 * value when the record changes elsewhere; a field the user changed that also changed elsewhere is
 * reported in `conflicts` (with the other value) so the form can point it out before saving. The
 * save gets only the fields the user changed, so it never puts back a value someone else changed.
 */
export function useDialogForm<V extends Record<string, unknown>>(opts: {
  opened: boolean;
  initial: () => V;
  schema: z.ZodType;
  onClose: () => void;
  errorTitle: string;
  live?: LiveRecord<V>;
}) {
  const [saving, setSaving] = useState(false);
  /** field path → the value someone else saved, for fields the user also changed */
  const [conflicts, setConflicts] = useState<Record<string, unknown>>({});
  /** the record's values the form last took in: what "changed elsewhere" is measured against */
  const base = useRef<V | null>(null);
  /** the latest fetch of the record: an older answer arriving late is ignored */
  const fetches = useRef(0);
  const openedNow = useRef(opts.opened);
  useEffect(() => {
    openedNow.current = opts.opened;
  });
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: opts.initial(),
    validate: (values) => zodFormErrors(opts.schema.safeParse(values)),
    validateInputOnBlur: true,
  });

  useEffect(() => {
    if (!opts.opened) return;
    const values = opts.initial();
    base.current = values;
    // An answer to a fetch from an earlier opening is not about this one.
    fetches.current += 1;
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // Only when the dialog opens, never while the user types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opts.opened]);

  const merge = (next: V) => {
    const prev = base.current;
    if (!prev) return;
    const found: Record<string, unknown> = {};
    // Field by field, and inside a group of fields kept as one value (an address) by its parts, so
    // a colleague's new city and the user's new ZIP both survive.
    for (const path of fieldPaths(next)) {
      const now = at(next, path);
      if (same(now, at(prev, path))) continue;
      if (form.isDirty(path)) {
        if (!same(now, at(form.getValues(), path))) found[path] = now;
      } else {
        form.setFieldValue(path, now as never);
      }
    }
    base.current = next;
    // Dirty now means "differs from the record as it is", so a save sends exactly the user's changes.
    form.resetDirty(next);
    if (Object.keys(found).length) setConflicts((c) => ({ ...c, ...found }));
  };

  useChanges(
    opts.live?.tables ?? [],
    () => {
      if (!opts.opened || !opts.live) return;
      const mine = ++fetches.current;
      opts.live.fetch().then(
        (next) => {
          if (next && mine === fetches.current && openedNow.current) merge(next);
        },
        () => {}, // gone or unreachable: the save will say so
      );
    },
    opts.live?.ids,
  );

  /** The fields the user changed, by top-level key (an address counts as one field). */
  const changed = (): Partial<V> => {
    const values = form.getValues();
    return Object.fromEntries(Object.keys(values).filter((k) => form.isDirty(k)).map((k) => [k, values[k]])) as Partial<V>;
  };

  // A refused save takes the user to the first field (top to bottom) that says why, as a keyboard
  // user needs; after the fields have drawn their messages.
  const focusFirstError = () =>
    setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);

  const onSubmit = (save: (values: V, changedFields: Partial<V>) => Promise<void>): ((e?: FormEvent<HTMLFormElement>) => void) =>
    form.onSubmit(
      (values) => {
        setSaving(true);
        save(values, changed())
          .then(() => setConflicts({}))
          .catch((e: unknown) => {
            if (!applyServerErrors(e, form.setErrors)) notifyError(opts.errorTitle, e);
            else focusFirstError();
          })
          .finally(() => setSaving(false));
      },
      (errors) => {
        focusFirstError();
        // A rule broken by a value no field on screen shows would otherwise leave the click doing nothing.
        setTimeout(() => {
          if (document.querySelector('[role="dialog"] [aria-invalid="true"]')) return;
          notifyError(opts.errorTitle, new ApiError({ code: 'invalid_input', message: Object.values(errors).filter(Boolean).join(' ') || 'Something in this form is not valid.' }));
        }, 0);
      },
    );

  const requestClose = () =>
    confirmDiscard(form.isDirty(), () => {
      setConflicts({});
      opts.onClose();
    });
  // A conflict the user resolved by typing the other value is no longer one.
  const values = form.getValues();
  const open = Object.fromEntries(Object.entries(conflicts).filter(([path, v]) => !same(v, at(values, path))));
  return { form, saving, onSubmit, requestClose, conflicts: open };
}
