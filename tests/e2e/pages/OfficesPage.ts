import { expect, type Locator, type Page } from '@playwright/test';
import { signIn, type Served } from '../signIn';

/** The office list as a user sees it: found by role and label, never by CSS class. */
export class OfficesPage {
  readonly search: Locator;
  readonly table: Locator;
  readonly count: Locator;

  constructor(
    readonly page: Page,
    private readonly served: Served,
  ) {
    this.search = page.getByRole('textbox', { name: 'Quick search' });
    this.table = page.getByRole('table', { name: 'Offices' });
    this.count = page.getByTestId('office-count');
  }

  async open(): Promise<void> {
    await signIn(this.page, this.served);
    await this.page.goto(`${this.served.url}#/offices`);
    await expect(this.page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  }

  /** The list opened from a link that carries a search, as a bookmark or another screen would. */
  async openWithSearch(query: string): Promise<void> {
    await signIn(this.page, this.served);
    await this.page.goto(`${this.served.url}#/offices?q=${encodeURIComponent(query)}`);
    await expect(this.page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  }

  /** Types into quick search key by key, as a person does (fill() would set the whole value at once). */
  async type(text: string): Promise<void> {
    await this.search.click();
    await this.search.pressSequentially(text);
  }

  /** The office names in the rows on screen, top to bottom. */
  async names(): Promise<string[]> {
    return this.table.locator('tbody tr[aria-rowindex] td:first-child').allInnerTexts();
  }

  async expectNames(names: string[]): Promise<void> {
    await expect(this.table.locator('tbody tr[aria-rowindex] td:first-child')).toHaveText(names);
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openOffice(name: string): Promise<void> {
    await this.table.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, level: 2 })).toBeVisible();
    // The page's sections load after its heading and push the People table down. A menu opened before
    // they settle is hidden when its button leaves the view (Mantine's hideDetached), so wait for them.
    await expect(this.page.getByLabel('Loading the referrals')).toHaveCount(0);
    await expect(this.page.locator('section[aria-busy="true"]')).toHaveCount(0);
  }

  async newOffice(): Promise<void> {
    await this.page.getByRole('button', { name: 'New office' }).first().click();
    await expect(this.page.getByRole('dialog', { name: 'New office' })).toBeVisible();
  }
}
