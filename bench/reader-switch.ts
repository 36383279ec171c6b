import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createCore } from '../electron/core/core';
import { startWebHost } from '../electron/host/web-host';
import { fmt, summary, table } from './bench-util';

/**
 * Slice switching in the reader view with the reader's ROI overlays, in Chromium: from the key
 * press to the last Konva layer drawn in that frame (image, ROIs, previews).
 */
export async function benchReaderSwitch(dir: string, file: string, reader: { username: string; password: string }, seriesId: number, switches: number): Promise<void> {
  const core = createCore({ hostKind: 'web', dataDir: join(dir, 'app3'), studiesDir: dir });
  const host = await startWebHost({ core, rendererDir: join(__dirname, '..', 'renderer') });
  const browser = await chromium.launch({ executablePath: process.env.BME_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByLabel('Study file').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByLabel('User name').fill(reader.username);
    await page.getByLabel('Password').fill(reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').waitFor();
    await page.evaluate((id) => (location.hash = `#/read/${id}`), seriesId);
    await page.waitForFunction(() => (window as unknown as { Konva?: { stages: unknown[] } }).Konva?.stages.length);
    await page.waitForTimeout(1500);
    const times = await page.evaluate(async (n) => {
      const K = (window as unknown as { Konva: { stages: { getLayers(): { on(e: string, f: () => void): void }[] }[] } }).Konva;
      const layers = K.stages.flatMap((st) => st.getLayers());
      let last = 0;
      let first: (() => void) | null = null;
      for (const l of layers) l.on('draw', () => { last = performance.now(); first?.(); });
      const out: number[] = [];
      let down = true;
      for (let i = 0; i < n; i++) {
        if (i % 8 === 7) down = !down;
        const drawn = new Promise<void>((r) => (first = r));
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: down ? 'ArrowDown' : 'ArrowUp', bubbles: true }));
        await drawn;
        first = null;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        out.push(last - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      return out;
    }, switches);
    const t = summary(times);
    table(`Slice switch in the reader view with ROI overlays on every slice (cohort-size study, Chromium, ${t.n} switches)`, ['run', 'median ms', 'p99 ms'], [['key press -> last layer drawn', fmt(t.median, 2), fmt(t.p99, 2)]]);
    console.log(`  one frame at 60 Hz is 16.7 ms: ${t.p99 <= 16.7 ? 'p99 within one frame' : 'p99 over one frame'} (compare with the viewer's reference above)`);
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
}
