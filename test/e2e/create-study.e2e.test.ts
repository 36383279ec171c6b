import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import { startHostProcess, type HostProcess } from '../support/host-process';

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

describe('first start in a browser on the Node host', () => {
  it('creates a study through the UI, shows it, reloads into it, and lists it as recent after closing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(host.url);
    await expect.poll(() => page.url()).toBe(`${host.origin}/`); // the token left the address bar
    await page.getByRole('heading', { name: 'New study' }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/Connected/);
    await screenshot(page, 'start-screen');

    await page.getByLabel('Title').fill('Spine cohort E2E');
    await page.getByRole('button', { name: 'Create study' }).click();
    await page.getByRole('heading', { name: 'Spine cohort E2E' }).waitFor();
    const file = join(host.dataDir, 'studies', 'spine-cohort-e2e.bmestudy');
    expect(await page.locator('.facts').textContent()).toContain(file);
    expect(existsSync(file)).toBe(true);
    expect(await page.title()).toBe('Spine cohort E2E - BME Workstation');
    await screenshot(page, 'study-created');

    await page.reload();
    await page.getByRole('heading', { name: 'Spine cohort E2E' }).waitFor();

    await page.getByRole('button', { name: 'Close study' }).click();
    await page.getByRole('list', { name: 'Recent studies' }).getByRole('button', { name: 'Spine cohort E2E', exact: true }).click();
    await page.getByRole('heading', { name: 'Spine cohort E2E' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a clear error for a study path that does not exist', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByLabel('Study file').fill('/nowhere/missing.bmestudy');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/There is no study file at \/nowhere\/missing\.bmestudy/);
    await screenshot(page, 'open-missing-study');
  });

  it('a page without the token gets a refusal, not the app', async () => {
    const page = await browser.newPage();
    const res = await page.goto(host.origin + '/');
    expect(res?.status()).toBe(401);
    expect(await page.textContent('body')).toMatch(/needs its access token/);
  });
});
