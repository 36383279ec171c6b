import type { Page } from 'playwright-core';

/** Opens a study by path on the start screen. */
export async function openStudy(page: Page, file: string): Promise<void> {
  await page.getByLabel('Study file').fill(file);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

/** On a study without accounts: creates the first coordinator and signs in. */
export async function createFirstCoordinator(page: Page, username = 'chan', password = 'coordinator-pw'): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Display name').fill('Dr Chan');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create and sign in' }).click();
}

/** Mean R, G, B of the slice stage's canvas inside its central quarter. */
export async function stageColour(page: Page): Promise<{ r: number; g: number; b: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="slice-stage"] canvas') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const w = canvas.width;
    const h = canvas.height;
    const data = ctx.getImageData(Math.floor(w * 0.375), Math.floor(h * 0.375), Math.floor(w / 4), Math.floor(h / 4)).data;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let i = 0; i < data.length; i += 4) {
      r += data[i]!;
      g += data[i + 1]!;
      b += data[i + 2]!;
    }
    const n = data.length / 4;
    return { r: r / n, g: g / n, b: b / n };
  });
}
