import type { Page } from 'playwright-core';
import type { HostProcess } from './host-process';
import { PASSWORD } from './reading-study';

/** Opens the study in a fresh tab and signs in (the start screen's 'Study file' and the sign-in form). */
export async function openStudyAndSignIn(page: Page, host: HostProcess, file: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(host.url);
  await page.getByLabel('Study file').fill(file);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

/** The tab's session id, so a test client can act as the same signed-in person. */
export async function tabSessionId(page: Page): Promise<string> {
  const id = await page.evaluate(() => sessionStorage.getItem('bme.session'));
  if (!id) throw new Error('the tab has no session id yet');
  return id;
}

/** Waits until the reader view shows a fitted slice with its pixels decoded. */
export async function waitForReader(page: Page): Promise<void> {
  await page
    .getByTestId('reader')
    .waitFor()
    .catch(async (e: Error) => {
      // Say what the page shows instead (a refusal, the sign-in form, a page the host could not serve ...).
      const shown = await page.evaluate(() => document.body.innerText.slice(0, 400)).catch(() => '?');
      throw new Error(`${e.message}\nThe page at ${page.url()} shows: ${JSON.stringify(shown)}`);
    });
  await page.waitForFunction(() => {
    const stage = document.querySelector<HTMLElement>('[data-testid=slice-stage]');
    return !!stage?.dataset.zoom && !document.querySelector('.hud-bottom-right')?.textContent?.includes('decoding');
  });
}

interface StageGeometry {
  left: number;
  top: number;
  zoom: number;
  offsetX: number;
  offsetY: number;
}

async function stageGeometry(page: Page): Promise<StageGeometry> {
  return page.evaluate(() => {
    const stage = document.querySelector<HTMLElement>('[data-testid=slice-stage]')!;
    const r = stage.getBoundingClientRect();
    return { left: r.left, top: r.top, zoom: Number(stage.dataset.zoom), offsetX: Number(stage.dataset.offsetX), offsetY: Number(stage.dataset.offsetY) };
  });
}

/** Page coordinates of an image point (image pixels), with the current zoom and pan. */
export async function imageToPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const g = await stageGeometry(page);
  return { x: g.left + g.offsetX + x * g.zoom, y: g.top + g.offsetY + y * g.zoom };
}

/** A left-button drag through image points (image pixels), in small mouse steps. */
export async function dragThroughImage(page: Page, points: { x: number; y: number }[]): Promise<void> {
  const first = await imageToPage(page, points[0]!.x, points[0]!.y);
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of points.slice(1)) {
    const to = await imageToPage(page, p.x, p.y);
    await page.mouse.move(to.x, to.y, { steps: 10 });
  }
  await page.mouse.up();
}

/**
 * The ROI layer's pixel (RGBA) at the centre of an image pixel: the second Konva canvas of the
 * stage (image, ROI, tool preview). Transparent where no ROI is drawn.
 */
export async function roiLayerPixel(page: Page, col: number, row: number): Promise<number[]> {
  return page.evaluate(
    ([c, r]) => {
      const stage = document.querySelector<HTMLElement>('[data-testid=slice-stage]')!;
      const canvas = stage.querySelectorAll('canvas')[1]!;
      const dpr = canvas.width / canvas.clientWidth;
      const zoom = Number(stage.dataset.zoom);
      const x = (Number(stage.dataset.offsetX) + (c! + 0.5) * zoom) * dpr;
      const y = (Number(stage.dataset.offsetY) + (r! + 0.5) * zoom) * dpr;
      return Array.from(canvas.getContext('2d')!.getImageData(Math.floor(x), Math.floor(y), 1, 1).data);
    },
    [col, row],
  );
}

/** The label of every slice, as the slice strip shows it ('unread' | 'present' | 'absent'). */
export async function stripLabels(page: Page): Promise<string[]> {
  return page.locator('.slice-strip .slice-cell').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.label ?? '?'));
}
