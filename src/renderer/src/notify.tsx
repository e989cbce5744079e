import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from './api';

export function notifyError(title: string, e: unknown): void {
  const message = e instanceof ApiError ? e.message : 'Something unexpected went wrong. Nothing was changed.';
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
  if (!(e instanceof ApiError)) console.error(e);
}

export function notifyDone(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/** Done, but with something the user should know before relying on the result. */
export function notifyWarning(title: string, message: string): void {
  notifications.show({ color: 'yellow', title, message, autoClose: 12000 });
}

/** A done message with an Undo button: reversible actions are undone, not confirmed beforehand. */
export function notifyWithUndo(message: string, undo: () => void): void {
  const id = notifications.show({
    message: (
      <Group justify="space-between" wrap="nowrap">
        <span>{message}</span>
        <Button
          size="compact-xs"
          variant="subtle"
          style={{ flexShrink: 0 }}
          onClick={() => {
            notifications.hide(id);
            undo();
          }}
        >
          Undo
        </Button>
      </Group>
    ),
    autoClose: 8000,
  });
}
