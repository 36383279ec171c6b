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
      // The stage's first two layers are the image and the reader's ROIs: the pixels that change
      // with the slice. (Cursor and preview layers redraw on their own schedule.)
      const layers = K.stages.flatMap((st) => st.getLayers()).slice(0, 2);
      const drawnAt = [0, 0];
      let last = 0;
      let first: (() => void) | null = null;
      let t0 = 0;
      layers.forEach((l, k) =>
        l.on('draw', () => {
          drawnAt[k] = performance.now();
          if (drawnAt.every((d) => d >= t0)) {
            last = Math.max(...drawnAt);
            first?.();
          }
        }),
      );
      const out: number[] = [];
      const position = () => /Slice (\d+) \/ (\d+)/.exec(document.querySelector('[data-testid="slice-number"]')?.textContent ?? '') ?? ['', '1', '1'];
      let down = true;
      let missed = 0;
      for (let i = 0; i < n; i++) {
        const [, cur, total] = position();
        if (Number(cur) >= Number(total)) down = false;
        if (Number(cur) <= 1) down = true;
        // A switch that draws nothing within 2 s is counted, not waited for forever.
        const drawn = new Promise<boolean>((r) => {
          first = () => r(true);
          setTimeout(() => r(false), 2000);
        });
        t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: down ? 'ArrowDown' : 'ArrowUp', bubbles: true }));
        const ok = await drawn;
        first = null;
        if (!ok) {
          missed++;
          continue;
        }
        out.push(last - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (missed) console.warn(`${missed} switches drew nothing`);
      return out;
    }, switches);
    const t = summary(times);
    table(`Slice switch in the reader view with ROI overlays on every slice (cohort-size study, Chromium, ${t.n} switches)`, ['run', 'median ms', 'p99 ms'], [['key press -> image and ROI layers drawn', fmt(t.median, 2), fmt(t.p99, 2)]]);
    console.log(`  one frame at 60 Hz is 16.7 ms: ${t.p99 <= 16.7 ? 'p99 within one frame' : 'p99 over one frame'} (compare with the viewer's reference above)`);
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
}
