import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import { ROOT, startHostProcess, type HostProcess } from '../support/host-process';
import { createFirstCoordinator, stageColour } from '../support/ui-flows';

let host: HostProcess;
let browser: Browser;
let cohort: string;

beforeAll(async () => {
  cohort = join(mkdtempSync(join(tmpdir(), 'bme-e2e-cohort-')), 'cohort');
  execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'phantom', '--out', cohort, '--patients', '2', '--seed', '7']);
  host = await startHostProcess();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('importing a phantom folder and viewing a series in Chromium', () => {
  it('imports through the UI with a report, then scrolls, windows, zooms and shows fake-color', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await page.getByLabel('Title').fill('Viewer E2E');
    await page.getByRole('button', { name: 'Create study' }).click();
    await createFirstCoordinator(page);

    await page.getByLabel('Paths to import').fill(cohort);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/Import done/);
    expect(text).toMatch(/truth\.json: not DICOM/); // the truth file is named, not imported
    const table = page.getByRole('table', { name: 'Series' });
    await expect.poll(async () => table.getByRole('row').count()).toBe(7); // header + 2 patients x 3 segments
    expect(await table.textContent()).toContain('SAG STIR T-SPINE');
    expect(await table.textContent()).not.toMatch(/PHANTOM\^|PH-S7/); // pseudonyms only
    await screenshot(page, 'series-after-import');

    await table.getByRole('row').filter({ hasText: 'T-SPINE' }).first().getByRole('button', { name: 'Open' }).click();
    const number = page.getByTestId('slice-number');
    await expect.poll(async () => number.textContent()).toMatch(/^Slice 1 \/ 1[789]$/);
    await expect.poll(async () => page.getByText(/decoding/).count()).toBe(0);
    const stage = page.getByTestId('slice-stage');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

    // Scroll: wheel and arrow keys
    await page.mouse.wheel(0, 120);
    await page.mouse.wheel(0, 120);
    await expect.poll(async () => number.textContent()).toMatch(/^Slice 3 /);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(async () => number.textContent()).toMatch(/^Slice 9 /);
    expect(await page.getByTestId('pixel-readout').textContent()).toMatch(/^\(\d+, \d+\) value \d+/);
    const before = await stageColour(page);
    expect(before.r).toBeGreaterThan(5);

    // Window/level: right-drag to the left narrows, upwards lowers the level: the image brightens
    const wl0 = await page.getByTestId('window-level').textContent();
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 120, { steps: 5 });
    await page.mouse.up({ button: 'right' });
    expect(await page.getByTestId('window-level').textContent()).not.toBe(wl0);
    const windowed = await stageColour(page);
    expect(windowed.r).toBeGreaterThan(before.r + 10);
    await page.keyboard.press('1'); // back to the automatic STIR window
    await expect.poll(async () => page.getByTestId('window-level').textContent()).toBe(wl0);

    // Zoom in with Ctrl+wheel at the cursor
    const zoom0 = await page.getByText(/^zoom \d+%$/).textContent();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await expect.poll(async () => page.getByText(/^zoom \d+%$/).textContent()).not.toBe(zoom0);
    await screenshot(page, 'viewer-zoomed');

    // Fake-color: previous / current / next as R / G / B, so the channels differ
    await page.getByRole('button', { name: 'Fake-color' }).click();
    await expect.poll(async () => {
      const c = await stageColour(page);
      return Math.abs(c.r - c.g) + Math.abs(c.g - c.b);
    }).toBeGreaterThan(1);
    await screenshot(page, 'viewer-fake-color');
    expect(errors).toEqual([]);
  });
});
