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
