import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SliceMask } from '../../renderer/src/editor/mask/sliceMask';
import { launchChromium, screenshot } from '../support/browser';
import { connectHostClient, type HostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { imageToPage, openStudyAndSignIn, roiLayerPixel, stripLabels, tabSessionId, waitForReader } from '../support/reader-page';
import { bme } from '../support/reading-study';

/**
 * The reader view on the demo study (`bme demo`: phantom STIR series with lesions, simulated
 * reads in progress): a reader resumes a series that already has ROIs, and uses the polygon,
 * copy-from-previous-slice and display controls on real-looking images.
 */

let host: HostProcess;
let browser: Browser;
let file: string;
const clients: HostClient[] = [];

beforeAll(async () => {
  host = await startHostProcess();
  browser = await launchChromium();
  file = join(host.dataDir, 'demo.bmestudy');
  bme(['demo', '--db', file, '--patients', '2', '--seed', '1']);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await browser?.close();
  await host?.stop();
});

async function readerPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openStudyAndSignIn(page, host, file, 'reader2', 'reader2-demo');
  return { page, errors };
}

describe('the reader view on the demo study', () => {
  it('resumes a read in progress with its ROIs, and draws with the polygon and copy-from-previous', async () => {
    const { page, errors } = await readerPage();
    const me = await connectHostClient(host, await tabSessionId(page));
    clients.push(me);
    const items = await me.api.reading.worklist();
    const inProgress = items.find((w) => !w.locked && w.read > 0 && w.present > 0);
    expect(inProgress, 'the demo has an unlocked read with lesions').toBeDefined();
    await page.getByRole('table', { name: 'Worklist' }).waitFor();
    await screenshot(page, 'demo-worklist');

    await page.locator(`tr[data-series-id="${inProgress!.seriesId}"]`).getByRole('button').click();
    await waitForReader(page);
    // It opens where the reader left off.
    await page.getByTestId('slice-number').getByText(`Slice ${inProgress!.lastSlice + 1} / ${inProgress!.slices}`).waitFor();
    const before = await me.api.reading.open({ seriesId: inProgress!.seriesId });
    expect(await stripLabels(page)).toEqual(before.slices.map((s) => s.label));

    // A slice with a saved ROI shows it.
    const withRoi = before.slices.find((s) => s.mask !== null)!;
    const saved = SliceMask.fromWire(withRoi.mask!);
    const box = saved.boundingBox()!;
    let inside = { x: box.x0, y: box.y0 };
    for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) if (saved.get(x, y) && saved.get(x - 1, y) && saved.get(x + 1, y)) inside = { x, y };
    await page.getByRole('button', { name: `Slice ${withRoi.index + 1}: BME present` }).click();
    expect((await roiLayerPixel(page, inside.x, inside.y))[3]).toBeGreaterThan(0);
    await screenshot(page, 'demo-reader-roi');
    await page.keyboard.press('o');
    await screenshot(page, 'demo-reader-outline');
    await page.keyboard.press('o');
    await page.keyboard.press('r');
    await screenshot(page, 'demo-reader-fake-color');
    await page.keyboard.press('r');

    // The polygon on a slice read as absent: four clicks and Enter fill it, and the slice becomes present.
    const target = before.slices.find((s, i) => s.label !== 'present' && before.slices[i + 1]?.label === s.label)!;
    const words = (label: string) => (label === 'unread' ? 'unread' : `BME ${label}`);
    await page.getByRole('button', { name: `Slice ${target.index + 1}: ${words(target.label)}` }).click();
    await page.keyboard.press('g');
    const corners = [
      { x: 100, y: 100 },
      { x: 140, y: 100 },
      { x: 140, y: 130 },
      { x: 100, y: 130 },
    ];
    for (const c of corners) {
      const p = await imageToPage(page, c.x, c.y);
      await page.mouse.click(p.x, p.y);
    }
    await screenshot(page, 'demo-reader-polygon');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('slice-label').textContent()).toBe('BME present');
    expect((await roiLayerPixel(page, 120, 115))[3]).toBeGreaterThan(0);

    // The next slice had the same label: C copies the polygon from the previous slice.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('c');
    expect(await page.getByTestId('slice-label').textContent()).toBe('BME present');
    expect((await roiLayerPixel(page, 120, 115))[3]).toBeGreaterThan(0);

    await expect
      .poll(async () => {
        const now = await me.api.reading.open({ seriesId: inProgress!.seriesId });
        return [target.index, target.index + 1].map((i) => {
          const m = now.slices[i]!.mask;
          return m ? [now.slices[i]!.label, SliceMask.fromWire(m).get(120, 115), SliceMask.fromWire(m).get(90, 115)] : null;
        });
      })
      .toEqual([
        ['present', 1, 0],
        ['present', 1, 0],
      ]);
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    await screenshot(page, 'demo-reader-saved');
    expect(errors).toEqual([]);
  });
});
