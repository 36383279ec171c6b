import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SliceMask } from '../../renderer/src/editor/mask/sliceMask';
import { launchChromium, screenshot } from '../support/browser';
import { connectHostClient, type HostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { dragThroughImage, openStudyAndSignIn, tabSessionId, waitForReader } from '../support/reader-page';
import { setUpReadingStudy, type ReadingStudy } from '../support/reading-study';

/**
 * A dropped connection while reading: the page's WebSockets are wrapped (test instrumentation
 * only) so the test can cut the connection and keep it from coming back for a while. Changes
 * made meanwhile stay in the window, the save state says so, and they are saved once the
 * connection returns.
 */

let host: HostProcess;
let browser: Browser;
let study: ReadingStudy;
const clients: HostClient[] = [];

beforeAll(async () => {
  host = await startHostProcess();
  browser = await launchChromium();
  study = await setUpReadingStudy(host, {
    readers: [{ username: 'carol', displayName: 'Dr. Carol Reader' }],
    assign: [{ series: 2, slot: 'reader1', reader: 'carol' }],
  });
  clients.push(study.admin);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await browser?.close();
  await host?.stop();
});

declare global {
  interface Window {
    bmeNet: { offline: boolean; drop(): void; restore(): void };
  }
}

describe('reading through a dropped connection', () => {
  it('keeps changes made while the connection is down, says so, and saves them when it returns', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const Native = window.WebSocket;
      const sockets: WebSocket[] = [];
      window.bmeNet = {
        offline: false,
        drop() {
          this.offline = true;
          for (const s of sockets) s.close();
        },
        restore() {
          this.offline = false;
        },
      };
      // While 'offline', connect to a path the host refuses: the connection fails like a dead network.
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          const target = new URL(String(url));
          if (window.bmeNet.offline) target.pathname = '/offline';
          super(target, protocols);
          sockets.push(this);
        }
      } as typeof WebSocket;
    });
    await openStudyAndSignIn(page, host, study.file, 'carol');
    const seriesId = study.series[2]!.seriesId;
    await page.locator(`tr[data-series-id="${seriesId}"]`).getByRole('button').click();
    await waitForReader(page);
    const carol = await connectHostClient(host, await tabSessionId(page));
    clients.push(carol);

    await page.getByRole('button', { name: 'Slice 9: unread' }).click();
    await dragThroughImage(page, [
      { x: 30, y: 30 },
      { x: 45, y: 30 },
    ]);
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();

    await page.evaluate(() => window.bmeNet.drop());
    await page.getByRole('status', { name: 'Connection: Disconnected: retrying' }).waitFor();
    await dragThroughImage(page, [
      { x: 30, y: 90 },
      { x: 45, y: 90 },
    ]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('a');
    const status = page.getByTestId('save-status');
    await status.getByText(/^Not saved: the connection to the host (is|was) lost - will retry$/).waitFor();
    await screenshot(page, 'reading-offline-not-saved');
    // Nothing of it reached the study yet.
    const during = await carol.api.reading.open({ seriesId });
    expect(SliceMask.fromWire(during.slices[8]!.mask!).get(37, 90)).toBe(0);
    expect(during.slices[9]!.label).toBe('unread');

    await page.evaluate(() => window.bmeNet.restore());
    await status.getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    const after = await carol.api.reading.open({ seriesId });
    const mask = SliceMask.fromWire(after.slices[8]!.mask!);
    expect([mask.get(37, 30), mask.get(37, 90)]).toEqual([1, 1]);
    expect(after.slices[9]!.label).toBe('absent');
    expect(errors).toEqual([]);
  });
});
