/**
 * The office whose page was opened last in this window: going Back to the list puts the keyboard
 * on its row again, where the user left off.
 */
let lastOpened: string | null = null;

export const rememberOpenedOffice = (id: string): void => {
  lastOpened = id;
};

export const lastOpenedOffice = (): string | null => lastOpened;
