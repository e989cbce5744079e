import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { OfficeForm } from './pages/OfficeForm';
import { SettingsPage } from './pages/SettingsPage';
import { test as withMe } from './withMe';

test.describe('a database file that cannot be used', () => {
  // What a failed disk or a bad copy leaves: the file is there, and empty.
  test.use({ dataFolderFiles: { 'liaison.sqlite3': '' } });

  test('says what is wrong and, only when asked, moves the file aside and starts empty', async ({ page, app, offices }) => {
    await page.goto(`${app.url}#/offices`);
    const problem = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Liaison CRM cannot open its database' }) });
    await expect(problem).toBeVisible();
    await expect(problem).toContainText(path.join(app.dataDir, 'liaison.sqlite3'));
    await expect(problem).toContainText('is empty (0 bytes)');
    await expect(problem).toContainText('Restore a backup in its place');
    // Nothing of the office list is offered over a file that cannot be read.
    await expect(page.getByRole('button', { name: 'New office' })).toHaveCount(0);

    // Asked first; cancelling changes nothing.
    await problem.getByRole('button', { name: 'Move it aside and start empty…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Start with an empty database?' });
    await expect(confirm).toContainText('nothing is deleted');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(problem).toBeVisible();
    expect(fs.readdirSync(app.dataDir).filter((f) => f.includes('unusable'))).toEqual([]);

    await problem.getByRole('button', { name: 'Move it aside and start empty…' }).click();
    await page.getByRole('dialog', { name: 'Start with an empty database?' }).getByRole('button', { name: 'Move it aside and start empty' }).click();
    const started = page.getByRole('alert').filter({ hasText: 'Started with an empty database' });
    await expect(started).toContainText(/The old file was kept in the data folder as liaison\.sqlite3\.unusable-\d{8}-\d{6}\./);
    const kept = fs.readdirSync(app.dataDir).filter((f) => f.startsWith('liaison.sqlite3.unusable-'));
    expect(kept).toHaveLength(1);
    expect(fs.statSync(path.join(app.dataDir, kept[0]!)).size).toBe(0);

    // The app carries on, in the same run, on a new database, which asks who is using it.
    const question = page.getByRole('dialog', { name: 'Who is using Liaison CRM?' });
    await question.getByRole('combobox', { name: 'Your name' }).fill('Dana Whitfield');
    await question.getByRole('button', { name: 'Continue' }).click();
    await expect(question).toHaveCount(0);
    await offices.newOffice();
    const form = new OfficeForm(page, 'New office');
    await form.fill({ Name: 'First office after the move' });
    await form.submit('Create office');
    await expect(page.getByRole('heading', { name: 'First office after the move', level: 2 })).toBeVisible();
  });
});

withMe('Settings runs a full check of the database and says what it found', async ({ page, app }) => {
  await page.goto(`${app.url}#/offices`);
  const settings = new SettingsPage(page);
  await settings.open();
  const section = page.getByRole('region', { name: 'Database' });
  await section.getByRole('button', { name: 'Check database' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'The database is sound' })).toContainText(/No problems found.*\(took \d+\.\d s\)/);
});
