import { expect, type Locator, type Page } from '@playwright/test';

export class OfficeDetailPage {
  readonly people: Locator;
  readonly details: Locator;
  constructor(readonly page: Page) {
    this.people = page.getByRole('table', { name: 'People' });
    this.details = page.getByRole('region', { name: 'Office details' });
  }

  /** The value shown under a label in the office's details (a <dt>/<dd> pair). */
  async expectField(label: string, value: string | RegExp): Promise<void> {
    const term = this.details.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
    await expect(term.locator('xpath=following-sibling::dd[1]')).toContainText(value);
  }

  async edit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit' }).click();
  }

  async archive(): Promise<void> {
    await this.page.getByRole('button', { name: 'Archive' }).click();
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: '← All offices' }).click();
  }
}
