import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPixelCount } from '../../shared/geometry/mask';
import { launchChromium, screenshot } from '../support/browser';
import { connectHostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { dragThroughImage, openStudyAndSignIn, waitForReader } from '../support/reader-page';
import { PASSWORD, setUpReadingStudy, type ReadingStudy } from '../support/reading-study';

let host: HostProcess;
let browser: Browser;
let study: ReadingStudy;

beforeAll(async () => {
  host = await startHostProcess();
  browser = await launchChromium();
  study = await setUpReadingStudy(host, {
    readers: [{ username: 'carol', displayName: 'Dr. Carol Reader' }],
    assign: [{ series: 2, slot: 'reader1', reader: 'carol' }],
  });
  await study.admin.close();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('nothing lost when the host process dies', () => {
  it('kills the host with SIGKILL in the middle of a reading session; every confirmed save survives', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openStudyAndSignIn(page, host, study.file, 'carol');
    await page.getByRole('button', { name: /^(Start|Resume)/ }).first().click();
    await waitForReader(page);

    // Two strokes on slice 7, slices 1-4 absent; each save confirmed on screen.
    await page.getByRole('button', { name: 'Slice 7: unread' }).click();
    await dragThroughImage(page, [{ x: 30, y: 30 }, { x: 50, y: 34 }]);
    await dragThroughImage(page, [{ x: 60, y: 80 }, { x: 70, y: 90 }]);
    await page.getByRole('button', { name: 'Slice 1: unread' }).click();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('a');
      await page.keyboard.press('ArrowDown');
    }
    await expect.poll(async () => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    await screenshot(page, 'reading-before-kill');

    // Then a stroke in progress (mouse still down) when the host dies.
    const stage = (await page.getByTestId('slice-stage').boundingBox())!;
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width / 2 + 30, stage.y + stage.height / 2, { steps: 5 });
    await host.stop('SIGKILL');
    expect(host.child.signalCode).toBe('SIGKILL');

    // A new host on the same data: the study opens, integrity holds, the confirmed work is there.
    expect(existsSync(study.file)).toBe(true);
    const again = await startHostProcess({ dataDir: host.dataDir });
    try {
      const c = await connectHostClient(again);
      await c.api.study.open({ file: study.file });
      await c.api.session.signIn({ username: 'carol', password: PASSWORD });
      const read = await c.api.reading.open({ seriesId: study.series[2]!.seriesId });
      expect(read.slices.slice(0, 4).map((s) => s.label)).toEqual(['absent', 'absent', 'absent', 'absent']);
      expect(read.slices[6]!.label).toBe('present');
      const lesion = maskPixelCount(read.slices[6]!.mask);
      expect(lesion).toBeGreaterThan(50);
      expect(read.slices.filter((s) => s.label !== 'unread')).toHaveLength(5);
      await c.close();
    } finally {
      await again.stop();
      host = again;
    }
  });
});
