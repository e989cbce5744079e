import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/** Closing a form with unsaved typing asks first; a clean form just closes. */
export function confirmDiscard(dirty: boolean, close: () => void): void {
  if (!dirty) return close();
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: <Text size="sm">What you typed in this form has not been saved.</Text>,
    labels: { confirm: 'Discard', cancel: 'Keep editing' },
    confirmProps: { color: 'red' },
    // The safe answer has the focus, so Enter or Space never throws typing away by accident.
    cancelProps: { 'data-autofocus': true },
    onConfirm: close,
  });
}
