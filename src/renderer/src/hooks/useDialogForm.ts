import { useForm } from '@mantine/form';
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { confirmDiscard } from '../components/confirmDiscard';
import { applyServerErrors, zodFormErrors } from '../formErrors';
import { notifyError } from '../notify';

/**
 * A form in a dialog: checked by a shared zod schema as the user leaves each field, reset to
 * `initial` each time the dialog opens, saving state while the call runs, server refusals that
 * name a field shown on that field, and a confirmation before unsaved typing is thrown away.
 */
export function useDialogForm<V extends Record<string, unknown>>(opts: {
  opened: boolean;
  initial: () => V;
  schema: z.ZodType;
  onClose: () => void;
  errorTitle: string;
}) {
  const [saving, setSaving] = useState(false);
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: opts.initial(),
    validate: (values) => zodFormErrors(opts.schema.safeParse(values)),
    validateInputOnBlur: true,
  });

  useEffect(() => {
    if (!opts.opened) return;
    const values = opts.initial();
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // Only when the dialog opens, never while the user types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opts.opened]);

  const onSubmit = (save: (values: V) => Promise<void>): ((e?: FormEvent<HTMLFormElement>) => void) =>
    form.onSubmit((values) => {
      setSaving(true);
      save(values)
        .catch((e: unknown) => {
          if (!applyServerErrors(e, form.setErrors)) notifyError(opts.errorTitle, e);
        })
        .finally(() => setSaving(false));
    });

  const requestClose = () => confirmDiscard(form.isDirty(), opts.onClose);
  return { form, saving, onSubmit, requestClose };
}
