import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bme } from '../support/agreement-cli';
import { launchChromium, screenshot } from '../support/browser';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { batchBar, chartPoints, cliDataset, epochRows, signIn, tableRows } from '../support/training-ui';
import { createFirstCoordinator, openStudy } from '../support/ui-flows';

let host: HostProcess;
let browser: Browser;
let dir: string;
let study: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bme-e2e-training-'));
  study = join(dir, 'demo.bmestudy');
  // 6 patients: the demo locks and settles enough series for 5 patients to enter a dataset.
  bme('demo', '--db', study, '--patients', '6');
  host = await startHostProcess();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const rail = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
const status = (page: Page) => page.getByTestId('model-status').textContent();

describe('training screen in Chromium', () => {
  it('builds a snapshot as the CLI does, trains 2 folds x 2 epochs on wasm with growing fold metrics, cancels and resumes, and registers the model as done', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await openStudy(page, study);
    await signIn(page, 'coordinator', 'coordinator-demo');
    await rail(page, 'Training').click();
    await page.getByRole('heading', { name: 'Training', exact: true }).waitFor();
    // The machine has no tfjs-node: automatic choice lands on wasm, and the chip says so.
    await expect.poll(() => page.getByTestId('engine-chip').textContent(), { timeout: 60_000 }).toBe('engine: wasm');

    // ---- A refused split is explained in words, with where to go ----
    const form = page.getByRole('form', { name: 'Build a dataset snapshot' });
    await form.getByLabel('Folds', { exact: true }).fill('20');
    await form.getByRole('button', { name: 'Build snapshot' }).click();
    const problem = form.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/\d patients remain for training, too few for 20 folds.*Series without a complete consensus/);
    expect(await problem.getByRole('link', { name: /Open Adjudication/ }).getAttribute('href')).toBe('#/adjudication');

    // ---- Build: 64 px, 2 folds, no test patients ----
    await form.getByLabel('Size', { exact: true }).selectOption('64');
    await form.getByLabel('Folds', { exact: true }).fill('2');
    await form.getByLabel('Test share').fill('0');
    await form.getByRole('button', { name: 'Build snapshot' }).click();
    const summary = page.getByRole('region', { name: 'Dataset summary' });
    await summary.waitFor();
    await expect.poll(() => problem.count(), { timeout: 30_000 }).toBe(0);
    // The CLI with the same settings finds the same snapshot (its id hashes consensus and settings).
    const cli = cliDataset(study, { size: 64, folds: 2, testFraction: 0 });
    expect(await summary.getAttribute('data-dataset')).toBe(cli.id);
    expect(Number(await summary.getByTestId('dataset-patients').textContent())).toBe(cli.patients);
    expect(Number(await summary.getByTestId('dataset-samples').textContent())).toBe(cli.samples);
    expect(Number(await summary.getByTestId('dataset-positive').textContent())).toBe(cli.positiveSamples);
    const split = await tableRows(page, 'Split by patient');
    expect(split.map((r) => r[2])).toEqual([...cli.split.folds.map((f) => f.join(', ')), 'none']);
    const left = await tableRows(page, 'Series left out');
    expect(left.length).toBe(cli.excluded.length);
    expect(left.map((r) => r[2]).sort()).toEqual(cli.excluded.map((x) => x.reason).sort());
    const perSegment = await tableRows(page, 'Samples per spinal segment');
    expect(perSegment.find((r) => r[0] === 'lumbar')?.slice(1, 3)).toEqual([String(cli.bySegment.lumbar.samples), String(cli.bySegment.lumbar.positive)]);
    expect((await tableRows(page, 'Dataset snapshots')).map((r) => r[0])).toEqual([cli.id.slice(0, 12)]);
    await screenshot(page, 'training-dataset');

    // ---- A short run: 4 filters, 2 epochs, both folds, wasm ----
    await summary.getByRole('button', { name: 'Train on this snapshot →' }).click();
    const run = page.getByRole('form', { name: 'Train a model' });
    await run.waitFor();
    expect(await run.getByLabel('Dataset snapshot').inputValue()).toBe(cli.id);
    expect(await run.getByLabel('Filters', { exact: true }).inputValue()).toBe('16'); // the CPU default
    await run.getByLabel('Engine', { exact: true }).selectOption('wasm');
    await expect.poll(() => run.getByTestId('engine-name').textContent(), { timeout: 60_000 }).toBe('wasm');
    expect(await run.getByRole('list', { name: 'Engines that did not load' }).textContent()).toMatch(/tfjs-node-gpu/);
    await run.getByLabel('Filters', { exact: true }).fill('4');
    await run.getByLabel('Epochs', { exact: true }).fill('2');
    expect(await run.getByLabel('Model name').inputValue()).toBe('attention U-Net f4 64px 2-fold');
    await screenshot(page, 'training-new-run');
    await run.getByRole('button', { name: 'Start training' }).click();

    // The live view of the new model: the batch bar moves, epochs arrive, charts grow.
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/#\/training\/models\/\d+$/);
    const modelId = Number(/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('training');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const bar = await batchBar(page);
          if (bar && bar.value > 0) seen.add(`${await page.getByTestId('run-position').textContent()}`);
          return seen.size;
        },
        { timeout: 90_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(3);
    await expect.poll(() => epochRows(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
    const firstPoints = await chartPoints(page, 'trainLoss');
    expect(firstPoints).toBeGreaterThanOrEqual(1);
    // Inside the next epoch: the bar part filled, the time spent and the estimate of what remains.
    await expect
      .poll(
        async () => {
          const bar = await batchBar(page);
          const where = (await page.getByTestId('run-position').textContent()) ?? '';
          return !!bar && bar.value > 0 && bar.value < bar.max && !/epoch finished|validating/.test(where);
        },
        { timeout: 90_000, interval: 100 },
      )
      .toBe(true);
    expect(await page.getByTestId('run-times').textContent()).toMatch(/Elapsed \d+ (s|min).*Remaining about \d+/);
    await screenshot(page, 'training-live');
    await expect.poll(() => epochRows(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
    expect(await chartPoints(page, 'trainLoss')).toBeGreaterThan(firstPoints);
    expect(await chartPoints(page, 'valLoss')).toBeGreaterThanOrEqual(2);

    // ---- Cancel, then resume from the last checkpoint ----
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('cancelled');
    const kept = await epochRows(page);
    await screenshot(page, 'training-cancelled');
    await page.getByRole('button', { name: 'Resume from the last epoch' }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('training');
    await expect.poll(() => status(page), { timeout: 150_000, interval: 500 }).toBe('done');
    // Every epoch of both folds once: the resumed run carried on where it stopped, repeating nothing.
    const epochs = await tableRows(page, 'Epochs');
    expect(epochs.map((r) => `${r[0]}/${r[1]}`)).toEqual(['Fold 1/1', 'Fold 1/2', 'Fold 2/1', 'Fold 2/2']);
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(await chartPoints(page, 'trainLoss')).toBe(4);

    // The fold table holds each fold's last epoch, and the mean ± SD of the two.
    const folds = await tableRows(page, 'Metrics per fold');
    expect(folds.map((r) => r[2])).toEqual(['done', 'done']);
    const lastLoss = [epochs[1]![2]!, epochs[3]![2]!];
    expect(folds.map((r) => r[4])).toEqual(lastLoss);
    const [a, b] = lastLoss.map(Number) as [number, number];
    const meanRow = (await page.getByTestId('fold-mean').locator('td').allTextContents()).map((t) => t.trim());
    const m = /^(\S+) ± (\S+)$/.exec(meanRow[0]!);
    expect(m, `mean row: ${meanRow.join(' | ')}`).not.toBeNull();
    expect(Math.abs(Number(m![1]) - (a + b) / 2)).toBeLessThanOrEqual(0.0011);
    expect(Math.abs(Number(m![2]) - Math.abs(a - b) / Math.SQRT2)).toBeLessThanOrEqual(0.0011);
    expect(await page.getByTestId('model-engine').textContent()).toMatch(/^wasm/);
    await page.getByRole('heading', { name: 'Metrics per epoch' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'training-done');

    // ---- The registry lists it as done, with its folds and engine ----
    await page.getByRole('button', { name: '← Models' }).click();
    const row = page.getByRole('table', { name: 'Models' }).locator(`tr[data-model="${modelId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('registry-status').textContent()).toBe('done');
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(cells[4]).toBe('wasm');
    expect(cells[5]).toBe('2/2');
    expect(cells[6]).toMatch(/^(—|\d\.\d{3}( ± \d\.\d{3})?)$/);
    await screenshot(page, 'training-registry');

    // ---- Fine-tune the model on fold 1 only: the form keeps its filters; the run shows on every tab ----
    await page.getByRole('navigation', { name: 'Training sections' }).getByRole('link', { name: 'New run' }).click();
    await run.getByLabel('Fine-tune from').selectOption(String(modelId));
    expect(await run.getByLabel('Filters', { exact: true }).inputValue()).toBe('4');
    expect(await run.getByLabel('Filters', { exact: true }).isDisabled()).toBe(true);
    await run.getByLabel('All 2 folds').uncheck();
    await run.getByRole('group', { name: 'Folds to train' }).getByLabel('Fold 1').check();
    await run.getByLabel('Epochs', { exact: true }).fill('1');
    expect(await run.getByLabel('Model name').inputValue()).toBe(`attention U-Net f4 64px fold 1 (fine-tuned from #${modelId})`);
    await run.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/#\/training\/models\/\d+$/);
    const tunedId = Number(/(\d+)$/.exec(page.url())![1]);
    expect(tunedId).not.toBe(modelId);
    expect(await page.getByRole('link', { name: `model #${modelId}` }).count()).toBe(1);
    expect((await tableRows(page, 'Metrics per fold')).map((r) => r[0])).toEqual(['Fold 1']);
    await page.getByRole('button', { name: '← Models' }).click();
    await page.getByTestId('run-banner').waitFor();
    expect(await page.getByRole('table', { name: 'Models' }).locator(`tr[data-model="${tunedId}"]`).getByTestId('registry-status').textContent()).toBe('training');
    await screenshot(page, 'training-run-banner');
    await page.getByTestId('run-banner').getByRole('button', { name: 'Watch →' }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('training');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('cancelled');

    // ---- Test patients chosen by hand: a second snapshot holds them out ----
    await page.getByRole('navigation', { name: 'Training sections' }).getByRole('link', { name: 'Datasets' }).click();
    await form.getByLabel('Choose patients').check();
    await form.getByRole('group', { name: 'Test patients' }).getByLabel('P003').check();
    await form.getByRole('button', { name: 'Build snapshot' }).click();
    await expect.poll(async () => (await tableRows(page, 'Split by patient')).at(-1)?.[2], { timeout: 30_000 }).toBe('P003');
    const chosen = await tableRows(page, 'Split by patient');
    expect(chosen.slice(0, -1).flatMap((r) => r[2]!.split(', '))).not.toContain('P003');
    expect((await tableRows(page, 'Dataset snapshots')).length).toBe(2);
    expect(errors).toEqual([]);
  });

  it('on a study without consensus, says the dataset would be empty and points to Adjudication', async () => {
    const empty = join(dir, 'empty.bmestudy');
    bme('study', 'create', '--db', empty, '--title', 'Empty cohort');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await openStudy(page, empty);
    await createFirstCoordinator(page);
    await rail(page, 'Training').click();
    const form = page.getByRole('form', { name: 'Build a dataset snapshot' });
    await form.getByRole('button', { name: 'Build snapshot' }).click();
    const problem = form.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/The dataset would be empty: no series has a complete consensus yet/);
    await screenshot(page, 'training-empty-dataset');
    await problem.getByRole('link', { name: /Open Adjudication/ }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/adjudication$/);
  });
});
