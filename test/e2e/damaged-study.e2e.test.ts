import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import { ROOT, startHostProcess, type HostProcess } from '../support/host-process';

let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  host = await startHostProcess();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const bme = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), ...args], { encoding: 'utf8' });

describe('a damaged study in the browser', () => {
  it('says what happened, keeps the damaged file, and restores the newest good backup on request', async () => {
    const dir = join(host.dataDir, 'damaged');
    const file = join(dir, 'cohort.bmestudy');
    bme('study', 'create', '--db', file, '--title', 'Damaged cohort');
    bme('backup', '--db', file);
    // Three pages of the table b-trees overwritten: SQLite's quick_check fails on open.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3 * 4096, 0x5a), 0, 3 * 4096, 2 * 4096);
    closeSync(fd);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByLabel('Study file').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const offer = page.getByRole('region', { name: 'Damaged study' });
    await offer.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(file);
    expect(await offer.textContent()).toMatch(/kept, renamed to .*damaged/);
    const aside = readdirSync(dir).filter((n) => n.includes('.damaged-'));
    expect(aside.length).toBeGreaterThan(0); // moved aside, never deleted
    await screenshot(page, 'damaged-study-offer');

    await offer.getByRole('button', { name: 'Restore the newest good backup and open it' }).click();
    await page.getByRole('heading', { name: 'Damaged cohort' }).waitFor();
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(bme('audit', 'verify', '--db', file, '--json')).ok).toBe(true);
  });
});
