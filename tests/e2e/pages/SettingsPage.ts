import { expect, type Locator, type Page } from '@playwright/test';

/** Settings as a user sees it: who uses this computer, and the team. */
export class SettingsPage {
  readonly team: Locator;
  constructor(readonly page: Page) {
    this.team = page.getByRole('table', { name: 'Team' });
  }

  /** Through the main navigation, as a person gets there. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  }

  row(name: string): Locator {
    return this.team.getByRole('row').filter({ has: this.page.getByRole('cell', { name: new RegExp(`^${name}`) }) });
  }

  /** The add or edit dialog: fills what is given, then saves. */
  async saveMember(dialogTitle: string | RegExp, values: { Name?: string; Email?: string; Role?: string }, submit: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: dialogTitle });
    await expect(dialog).toBeVisible();
    if (values.Name !== undefined) await dialog.getByRole('textbox', { name: 'Name' }).fill(values.Name);
    if (values.Email !== undefined) await dialog.getByRole('textbox', { name: 'Email' }).fill(values.Email);
    if (values.Role !== undefined) {
      await dialog.getByRole('combobox', { name: 'Role', exact: true }).click();
      await this.page.getByRole('option', { name: values.Role, exact: true }).click();
    }
    await dialog.getByRole('button', { name: submit }).click();
    await expect(dialog).toBeHidden();
  }
}
