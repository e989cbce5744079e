import { useLocalStorage } from '@mantine/hooks';

/** A view preference (column visibility, …) that survives restarts; never business data. */
export function useStoredState<T>(key: string, defaultValue: T) {
  return useLocalStorage<T>({ key: `liaison:${key}`, defaultValue, getInitialValueInEffect: false });
}
