import type { Page } from 'playwright-core';
import type { DatasetSummary } from '../../shared/model/dataset';
import { bme } from './agreement-cli';

/** What `bme dataset build --json` returns for these settings (the snapshot the UI must show: same consensus, same settings, same id). */
export function cliDataset(db: string, opts: { size: number; folds: number; testFraction: number }): DatasetSummary {
  return JSON.parse(bme('dataset', 'build', '--db', db, '--size', String(opts.size), '--folds', String(opts.folds), '--test-fraction', String(opts.testFraction), '--json')) as DatasetSummary;
}

/** Signs in on the start screen of an open study (after openStudy). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

/** The cells' texts of every body row of a table. */
export async function tableRows(page: Page, label: string): Promise<string[][]> {
  return page.getByRole('table', { name: label, exact: true }).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())));
}

/** How many points a chart of the run draws (its SVG's data-points). */
export async function chartPoints(page: Page, metric: string): Promise<number> {
  return Number(await page.getByTestId(`chart-${metric}`).locator('svg').getAttribute('data-points'));
}

/** The rows of the epochs table (finished epochs); 0 while it shows 'No epoch has finished yet'. */
export async function epochRows(page: Page): Promise<number> {
  return page.getByTestId('epoch-row').count();
}

/** The current-epoch progress bar's value and maximum, or null when it is not on screen. */
export async function batchBar(page: Page): Promise<{ value: number; max: number } | null> {
  const bar = page.getByTestId('batch-progress');
  if ((await bar.count()) === 0) return null;
  return bar.evaluate((el) => ({ value: (el as HTMLProgressElement).value, max: (el as HTMLProgressElement).max }));
}
