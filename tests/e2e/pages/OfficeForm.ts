import { expect, type Locator, type Page } from '@playwright/test';

/** The office form dialog (new or edit). */
export class OfficeForm {
  readonly dialog: Locator;
  constructor(page: Page, title: string | RegExp) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label, exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      await this.field(label).fill(value);
      await this.field(label).blur();
    }
  }

  async choose(label: string, option: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: label, exact: true }).click();
    await this.dialog.page().getByRole('option', { name: option, exact: true }).click();
  }

  /** The inline message under a field, as a screen reader would announce it. */
  async expectError(label: string, message: string | RegExp): Promise<void> {
    await expect(this.field(label)).toHaveAccessibleDescription(message);
  }

  async submit(name: string): Promise<void> {
    await this.dialog.getByRole('button', { name }).click();
  }
}
