import { expect, type Locator, type Page } from '@playwright/test';
import { signIn, type Served } from '../signIn';

export class ImportPage {
  readonly problems: Locator;
  constructor(
    readonly page: Page,
    private readonly served: Served,
  ) {
    this.problems = page.getByRole('table', { name: 'Rows with problems' });
  }

  async open(): Promise<void> {
    await signIn(this.page, this.served);
    await this.page.goto(`${this.served.url}#/import`);
    await expect(this.page.getByRole('heading', { name: /Import offices/ })).toBeVisible();
  }

  /** Picks a file as the file dialog would hand it over (text as UTF-8, or the exact bytes given). */
  async chooseFile(name: string, content: string | Buffer, opts: { expectMapping?: boolean } = {}): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Spreadsheet file' }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
    if (opts.expectMapping !== false) await expect(this.page.getByRole('table', { name: 'Column mapping' })).toBeVisible();
  }

  async checkFile(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check the file' }).click();
    await expect(this.page.getByLabel('Import summary')).toBeVisible();
  }

  /** The first choice on the page: what the file holds. */
  async importing(what: 'Offices and contacts' | 'Referrals (from your practice-management system)'): Promise<void> {
    await this.page.getByText(what, { exact: true }).click();
  }

  async commit(): Promise<void> {
    await this.page.getByRole('button', { name: /^Import \d+ offices?$/ }).click();
    await expect(this.page.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
  }
}
