import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import { buildStudyWithModel, cliEvaluation, meanSdText, parseCsv, proportionText, two } from '../support/evaluation-study';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { openStudyAndSignIn } from '../support/reader-page';

/**
 * The coordinator's Evaluation screen in Chromium against the Node host: a model trained with
 * the CLI is evaluated on screen, and the paper's Tables 2 and 3, the ROC curve and the folds
 * show what `bme evaluate --json` computes for the same model; CSV export and the printable
 * report carry the same figures.
 */

let host: HostProcess;
let browser: Browser;
let file: string;

beforeAll(async () => {
  file = await buildStudyWithModel(mkdtempSync(join(tmpdir(), 'bme-e2e-evaluation-')));
  host = await startHostProcess();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const cells = async (row: Locator): Promise<string[]> => (await row.locator('td').allTextContents()).map((t) => t.trim());

async function coordinatorPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => void (window as unknown as { prints: number }).prints++;
  });
  await openStudyAndSignIn(page, host, file, 'coordinator', 'coordinator-demo');
  return { page, errors };
}

describe('the Evaluation screen', () => {
  it("evaluates a model and shows the paper's Tables 2 and 3 and the ROC curve as bme evaluate computes them; exports CSV; prints", { timeout: 240_000 }, async () => {
    const { page, errors } = await coordinatorPage();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Evaluation', exact: true }).click();
    await page.getByText('This model has not been evaluated yet').waitFor();
    expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe('1');
    expect(await page.getByLabel('Threshold').inputValue()).toBe('0.5');
    expect(await page.getByLabel('Segment rule').inputValue()).toBe('2');

    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await page.getByTestId('table2').waitFor({ timeout: 120_000 });
    const cli = await cliEvaluation(file);
    await screenshot(page, 'evaluation-top');

    // ---- Table 2: readers as value (TP/positive), the network as mean ± SD over folds ----
    const t2 = page.getByTestId('table2');
    expect(cli.readers.length).toBeGreaterThan(0);
    for (const r of cli.readers) {
      expect(await cells(t2.getByTestId(`reader-${r.slot}-image`))).toEqual(['Level of image', proportionText(r.image.sensitivity), proportionText(r.image.specificity), '—']);
      expect(await cells(t2.getByTestId(`reader-${r.slot}-segment`))).toEqual(['Level of individual spinal segment', proportionText(r.segment.sensitivity), proportionText(r.segment.specificity), '—']);
    }
    const a = cli.acrossFolds;
    const across = (x: typeof a.image) => [meanSdText(x.sensitivity), meanSdText(x.specificity), meanSdText(x.auc)];
    expect(await cells(t2.getByTestId('dnn-image'))).toEqual(['Level of image', ...across(a.image)]);
    expect(await cells(t2.getByTestId('dnn-segment'))).toEqual(['Level of individual spinal segment', ...across(a.segment)]);
    for (const [segment, words] of [['cervical', 'Cervical vertebra'], ['thoracic', 'Thoracic vertebra'], ['lumbar', 'Lumbar vertebra']] as const) {
      const by = a.bySegment[segment]!;
      expect(await cells(t2.getByTestId(`dnn-${segment}`))).toEqual([words, ...across(by.segment)]);
      expect(await cells(t2.getByTestId(`dnn-${segment}-image`))).toEqual(['image level', ...across(by.image)]);
    }
    expect(await page.getByTestId('headline-auc').textContent()).toContain(meanSdText(a.image.auc));
    expect(await page.getByTestId('headline-dice').textContent()).toContain(meanSdText(a.dice));
    await t2.scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluation-table2');

    // ---- Table 3: the confusion matrix per image of the folds' mean probability ----
    const c = cli.ensemble.image.confusion;
    for (const k of ['tp', 'fn', 'fp', 'tn'] as const) expect(await page.getByTestId(`table3-${k}`).textContent()).toBe(String(c[k]));
    expect(c.tp + c.fn + c.fp + c.tn).toBe(cli.slices);

    // ---- ROC: every point, the diagonal, the operating point, axes labelled ----
    const roc = page.getByTestId('roc-curve');
    await roc.scrollIntoViewIfNeeded();
    expect(Number(await roc.locator('svg').getAttribute('data-points'))).toBe(cli.roc.points.length);
    const d = (await roc.getByTestId('roc-line').getAttribute('d')) ?? '';
    expect(d.split(/[ML]/).filter(Boolean)).toHaveLength(cli.roc.points.length);
    await expect.poll(() => roc.getByTestId('roc-diagonal').count()).toBe(1);
    const op = roc.getByTestId('roc-operating-point');
    expect(cli.roc.operatingPoint).not.toBeNull();
    expect(Number(await op.getAttribute('data-fpr'))).toBeCloseTo(cli.roc.operatingPoint!.fpr, 12);
    expect(Number(await op.getAttribute('data-tpr'))).toBeCloseTo(cli.roc.operatingPoint!.tpr, 12);
    expect(await roc.getByTestId('roc-auc').textContent()).toBe(`AUC ${two(cli.ensemble.image.auc)}`);
    const svgText = (await roc.locator('svg').textContent()) ?? '';
    expect(svgText).toContain('1 − specificity (false positive rate)');
    expect(svgText).toContain('Sensitivity (true positive rate)');
    await screenshot(page, 'evaluation-table3-roc');

    // ---- Per fold, and the model and readers side by side ----
    const folds = page.getByTestId('fold-table');
    await folds.scrollIntoViewIfNeeded();
    for (const f of cli.folds) {
      const row = await cells(folds.getByTestId(`fold-${f.fold + 1}`));
      expect(row.slice(0, 4)).toEqual([String(f.fold + 1), proportionText(f.image.sensitivity), proportionText(f.image.specificity), two(f.image.auc)]);
    }
    const side = await page.getByTestId('side-by-side').locator('thead th').allTextContents();
    for (const r of cli.readers) expect(side.join(' | ')).toContain(r.name);
    await screenshot(page, 'evaluation-folds');

    // ---- CSV: the same figures, unrounded ----
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/model-1-evaluation-\d+-.*\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const head = rows[0]!;
    const col = (row: string[], name: string) => row[head.indexOf(name)];
    const ensemble = rows.find((r) => r[0] === 'ensemble' && col(r, 'level') === 'image' && col(r, 'segment') === 'all')!;
    expect(['tp', 'fn', 'fp', 'tn'].map((k) => Number(col(ensemble, k)))).toEqual([c.tp, c.fn, c.fp, c.tn]);
    const aucRow = rows.find((r) => r[0] === 'across_folds' && col(r, 'level') === 'image' && col(r, 'segment') === 'all' && col(r, 'measure') === 'auc')!;
    expect(Number(col(aucRow, 'mean'))).toBeCloseTo(a.image.auc.mean!, 12);
    expect(rows.filter((r) => r[0] === 'roc')).toHaveLength(cli.roc.points.length);

    // ---- Printable report with the ROC plot ----
    await page.getByRole('button', { name: 'Print report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Printable evaluation report' });
    await dialog.getByTestId('print-roc-curve').locator('svg').waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { prints: number }).prints)).toBeGreaterThan(0);
    expect(await dialog.getByTestId('print-table3-tp').textContent()).toBe(String(c.tp));
    expect(await cells(dialog.getByTestId('print-table2').getByTestId('dnn-image'))).toEqual(['Level of image', ...across(a.image)]);
    await screenshot(page, 'evaluation-print');
    await dialog.getByTestId('print-roc-curve').scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluation-print-roc');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'evaluation-print-media');
    // On paper only the report shows: the app beneath is hidden.
    expect(await page.locator('#root').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // ---- Another threshold and segment rule: a second evaluation, listed with the first ----
    await page.getByLabel('Threshold').fill('0.7');
    await page.getByLabel('Segment rule').selectOption('1');
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await expect.poll(() => page.getByTestId('eval-scope').textContent(), { timeout: 120_000 }).toContain('reaches 0.7');
    const cli07 = await cliEvaluation(file, 1, ['--threshold', '0.7', '--min-slices', '1']);
    expect(await cells(page.getByTestId('table2').getByTestId('dnn-segment'))).toEqual(['Level of individual spinal segment', ...across(cli07.acrossFolds.segment)]);
    expect(await page.getByRole('table', { name: 'Earlier evaluations' }).locator('tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
