import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createCore } from '../electron/core/core';
import { startWebHost } from '../electron/host/web-host';
import { fmt, summary, table } from './bench-util';

declare global {
  interface Window {
    Konva?: { stages: { getLayers(): { on(ev: string, fn: () => void): void }[] }[] };
  }
}

/**
 * Slice switching in the real viewer in Chromium: from the key press to the end of the Konva
 * draw that shows the new slice. The reference, in the same page, is one putImageData of a slice
 * of the same size onto a canvas: the floor of showing pixels at all.
 */
export async function benchSliceSwitch(dir: string, studyFile: string, switches: number): Promise<void> {
  const core = createCore({ hostKind: 'web', dataDir: join(dir, 'app'), studiesDir: dir });
  const host = await startWebHost({ core, rendererDir: join(__dirname, '..', 'renderer') });
  const browser = await chromium.launch({
    executablePath: process.env.BME_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByLabel('Study file').fill(studyFile);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByLabel('User name').fill('bench');
    await page.getByLabel('Display name').fill('Bench');
    await page.getByLabel('Password').fill('bench-password');
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await page.getByRole('table', { name: 'Series' }).getByRole('button', { name: 'Open' }).first().click();
    await page.getByTestId('slice-number').waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('decoding'));
    const result = await page.evaluate(async (n) => {
      const layer = window.Konva!.stages[0]!.getLayers()[0]!;
      let drawn: (() => void) | null = null;
      layer.on('draw', () => drawn?.());
      const count = () => Number(/Slice (\d+) \/ (\d+)/.exec(document.querySelector('[data-testid="slice-number"]')!.textContent!)![2]);
      const total = count();
      const times: number[] = [];
      let down = true;
      for (let i = 0; i < n; i++) {
        const current = Number(/Slice (\d+)/.exec(document.querySelector('[data-testid="slice-number"]')!.textContent!)![1]);
        if (current >= total) down = false;
        if (current <= 1) down = true;
        const done = new Promise<void>((resolve) => (drawn = resolve));
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: down ? 'ArrowDown' : 'ArrowUp', bubbles: true }));
        await done;
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      const c = document.querySelector('[data-testid="slice-stage"] canvas') as HTMLCanvasElement;
      const img = new ImageData(c.width, c.height);
      const ref: number[] = [];
      const scratch = document.createElement('canvas');
      scratch.width = c.width;
      scratch.height = c.height;
      const ctx = scratch.getContext('2d')!;
      for (let i = 0; i < n; i++) {
        img.data[i % img.data.length] = i & 255;
        const t0 = performance.now();
        ctx.putImageData(img, 0, 0);
        ctx.getImageData(0, 0, 1, 1);
        ref.push(performance.now() - t0);
      }
      return { times, ref, canvas: `${c.width} x ${c.height}` };
    }, switches);
    const s = summary(result.times);
    const r = summary(result.ref);
    table(`Slice switch in the viewer (Chromium, canvas ${result.canvas}, ${s.n} switches)`, ['run', 'median ms', 'p99 ms', 'ratio (median)'], [
      ['reference: putImageData of a full canvas', fmt(r.median, 2), fmt(r.p99, 2), '1.00'],
      ['key press -> new slice drawn (Konva)', fmt(s.median, 2), fmt(s.p99, 2), fmt(s.median / r.median, 1)],
    ]);
    console.log(`  one frame at 60 Hz is 16.7 ms: ${s.p99 <= 16.7 ? 'p99 within one frame' : 'p99 OVER one frame'}`);
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
}
