import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bme, cliAgreement, exportConsensus, seriesWaitingForLocks } from '../support/agreement-cli';
import { launchChromium, screenshot } from '../support/browser';
import { connectHostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { decodeGreyPng } from '../support/png-grey';
import { openStudy } from '../support/ui-flows';

let host: HostProcess;
let browser: Browser;
let dir: string;
let study: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bme-e2e-adjudication-'));
  study = join(dir, 'demo.bmestudy');
  // 4 patients, seed 1: the demo leaves the disagreements of its last three finished series
  // (6 slices: label and mask discordances) in the queue.
  bme('demo', '--db', study, '--patients', '4');
  host = await startHostProcess();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function signInAsCoordinator(page: Page): Promise<void> {
  await page.goto(host.url);
  await openStudy(page, study);
  await page.getByLabel('User name').fill('coordinator');
  await page.getByLabel('Password').fill('coordinator-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

const rail = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/** 'P002 · cervical · slice 10/18' -> its parts. */
async function caseOnScreen(page: Page) {
  const box = page.getByTestId('adj-case');
  const title = (await page.getByTestId('case-title').textContent()) ?? '';
  const m = /^(\S+) · (\w+) · slice (\d+)\/(\d+)$/.exec(title);
  if (!m) throw new Error(`unexpected case title '${title}'`);
  return { seriesId: Number(await box.getAttribute('data-series')), sliceIndex: Number(await box.getAttribute('data-slice')), patient: m[1]!, segment: m[2]!, slice: Number(m[3]) };
}

async function remaining(page: Page): Promise<number> {
  const text = (await page.getByTestId('queue-count').textContent()) ?? '';
  return Number(/^(\d+) left of/.exec(text)?.[1] ?? NaN);
}

describe('agreement dashboard and adjudication in Chromium', () => {
  it('shows the CLI figures, exports CSV, prints; settles a slice with "accept reader 2" and one with an edit; the dashboard and the export show both', { timeout: 180_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      (window as unknown as { prints: number }).prints = 0;
      window.print = () => void (window as unknown as { prints: number }).prints++;
    });
    await signInAsCoordinator(page);

    // ---- The dashboard shows what `bme agreement` prints ----
    await rail(page, 'Agreement').click();
    const cli = cliAgreement(study);
    const slice = cli.primary('slice level');
    await expect.poll(() => page.getByTestId('slice-level-kappa').textContent()).toContain(slice.kappa);
    expect(await page.getByTestId('slice-level-strength').textContent()).toBe(slice.strength);
    expect(await page.getByTestId('slice-level-po').textContent()).toBe(slice.po);
    expect(await page.getByTestId('slice-level-pabak').textContent()).toBe(slice.pabak);
    expect(await page.getByTestId('slice-level').textContent()).toContain(`95% CI ${slice.ciLower} to ${slice.ciUpper}`);
    const matrix = page.getByRole('table', { name: 'Confusion matrix: Slice level · Reader 1 vs Reader 2' });
    expect(Number(await matrix.getByRole('row').last().getByRole('cell').last().textContent())).toBe(slice.n);
    const segment = cli.primary('segment level');
    expect(await page.getByTestId('segment-level-kappa').textContent()).toContain(segment.kappa);
    const cervical = cli.primary('cervical slices');
    const bySegment = page.getByRole('table', { name: 'Agreement by spinal segment' });
    expect(await bySegment.getByRole('row').filter({ hasText: 'cervical' }).first().textContent()).toContain(cervical.kappa);
    expect(await page.getByTestId('fleiss').textContent()).toMatch(/Fleiss' κ across all 3 readers: 0\.\d{3}/);
    expect(await page.getByRole('img', { name: /Dice per series/ }).count()).toBe(1);
    await screenshot(page, 'agreement-dashboard');

    // The segment rule is the coordinator's: 'at least two slices' changes the segment figures, as the CLI sees them.
    await page.getByLabel('Segment rule').selectOption({ label: 'at least two slices' });
    await expect.poll(() => cliAgreement(study).text).toMatch(/marked BME on at least 2 slice/);
    const segment2 = cliAgreement(study).primary('segment level');
    await expect.poll(() => page.getByTestId('segment-level-kappa').textContent()).toContain(segment2.kappa);
    await page.getByLabel('Segment rule').selectOption({ label: 'any slice' });
    await expect.poll(() => cliAgreement(study).text).toMatch(/marked BME on at least 1 slice/);

    // CSV export: the same figures, unrounded, in a table a spreadsheet reads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/agreement.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    const columns = csv[0]!.split(',');
    const row = csv.map((l) => l.split(',')).find((c) => c[0] === 'kappa' && c[1] === 'Reader 1 vs Reader 2' && c[2] === 'slice' && c[3] === 'all')!;
    expect(Number(row[columns.indexOf('kappa')]).toFixed(3)).toBe(slice.kappa);
    expect(Number(row[columns.indexOf('n')])).toBe(slice.n);
    expect(csv.filter((l) => l.startsWith('slice_dice,')).length).toBeGreaterThan(0);

    // Printable report: a light page over the app, and the print dialog once.
    await page.getByRole('button', { name: 'Print report' }).click();
    const printable = page.getByRole('dialog', { name: 'Printable agreement report' });
    await printable.waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    expect(await printable.getByTestId('print-slice-level-kappa').textContent()).toContain(slice.kappa);
    await screenshot(page, 'agreement-print');
    await printable.getByRole('button', { name: 'Close', exact: true }).click();
    await printable.waitFor({ state: 'detached' });

    // ---- Adjudication: the queue opens on its first unsettled slice ----
    await rail(page, 'Adjudication').click();
    await page.getByTestId('adj-case').waitFor();
    await expect.poll(() => remaining(page)).toBeGreaterThanOrEqual(2);
    const left = await remaining(page);
    await expect.poll(() => page.getByTestId('adj-case').getAttribute('data-slice')).not.toBeNull();
    await page.getByRole('region', { name: /^Reader 2:/ }).waitFor();
    await expect.poll(() => page.getByTestId('adj-case').getAttribute('data-image')).toBe('shown');
    const first = await caseOnScreen(page);
    const reader2 = (await page.getByTestId('reader2-label').textContent()) ?? '';
    const reader2Pixels = /present · (\d+) px/.exec(reader2) ? Number(/present · (\d+) px/.exec(reader2)![1]) : 0;
    await screenshot(page, 'adjudication-queue');

    // 'Accept reader 2' by its key; the next unsettled slice opens.
    await page.keyboard.press('2');
    await expect.poll(() => remaining(page)).toBe(left - 1);
    await expect.poll(async () => (await caseOnScreen(page)).sliceIndex !== first.sliceIndex || (await caseOnScreen(page)).seriesId !== first.seriesId).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'accepted reader 2' }).count()).toBe(1);

    // The next one by editing: start from an empty mask, brush a stroke on the canvas, save.
    const second = await caseOnScreen(page);
    await page.getByRole('button', { name: /Edit…/ }).click();
    await page.getByLabel('Start from').selectOption('empty');
    await expect.poll(() => page.getByTestId('draft-pixels').textContent()).toMatch(/empty/);
    const stage = (await page.getByTestId('edit-stage').boundingBox())!;
    const cx = stage.x + stage.width / 2, cy = stage.y + stage.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 30, cy + 12, { steps: 6 });
    await page.mouse.move(cx + 45, cy + 30, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('draft-pixels').textContent()).toMatch(/\d+ px of BME/);
    const drawn = Number(/(\d+) px of BME/.exec((await page.getByTestId('draft-pixels').textContent())!)![1]);
    expect(drawn).toBeGreaterThan(20);
    // The readers' editing keys work on the draft: undo, redo, brush size.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('draft-pixels').textContent()).toMatch(/empty/);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('draft-pixels').textContent()).toContain(`${drawn} px of BME`);
    const radius = await page.getByTestId('brush-radius').textContent();
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('brush-radius').textContent()).not.toBe(radius);
    await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('brush-radius').textContent()).toBe(radius);
    await page.getByLabel('Reason (optional)').fill('lesion extends to the endplate');
    await screenshot(page, 'adjudication-edit');
    await page.getByRole('button', { name: 'Save edit' }).click();
    await expect.poll(() => remaining(page)).toBe(left - 2);

    // Both decisions are in their slices' history.
    await page.evaluate((s) => (location.hash = `#/adjudication/${s.seriesId}/${s.sliceIndex + 1}`), second);
    const history = page.getByRole('list', { name: 'Decision history' });
    await expect.poll(() => history.locator('li.current').textContent()).toMatch(/Edited.*BME.*current/);
    expect(await history.textContent()).toContain('“lesion extends to the endplate”');
    await expect.poll(() => page.getByTestId('adj-case').getAttribute('data-image')).toBe('shown');
    await screenshot(page, 'adjudication-history');
    await page.evaluate((s) => (location.hash = `#/adjudication/${s.seriesId}/${s.sliceIndex + 1}`), first);
    await expect.poll(() => history.locator('li.current').textContent()).toMatch(/Accepted reader 2/);

    // ---- The dashboard counts the two decisions ----
    await rail(page, 'Agreement').click();
    const settledBy = page.getByRole('list', { name: 'Settled by' });
    await expect.poll(() => settledBy.locator('[data-method="accept_reader2"] strong').textContent()).toBe('1');
    expect(await settledBy.locator('[data-method="edited"] strong').textContent()).toBe('1');
    expect(await page.getByTestId('consensus-progress').textContent()).toMatch(new RegExp(`${left - 2} left`));
    await page.getByRole('region', { name: 'Consensus' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-after-adjudication');

    // ---- The consensus export has both, with their masks ----
    const out = join(dir, 'export');
    const index = exportConsensus(study, out);
    const find = (c: { patient: string; segment: string; slice: number }) => index.find((r) => r.patient === c.patient && r.segment === c.segment && r.slice === c.slice);
    const accepted = find(first)!;
    expect(accepted.method).toBe('accept_reader2');
    expect(accepted.pixels).toBe(reader2Pixels);
    expect(accepted.label).toBe(reader2Pixels > 0 ? 'present' : 'absent');
    const edited = find(second)!;
    expect(edited).toMatchObject({ method: 'edited', label: 'present', pixels: drawn });
    const png = decodeGreyPng(readFileSync(join(out, edited.file)));
    expect(png.pixels.filter((v) => v === 255).length).toBe(drawn);
    expect(png.pixels.every((v) => v === 0 || v === 255)).toBe(true);
    const acceptedPng = decodeGreyPng(readFileSync(join(out, accepted.file)));
    expect(acceptedPng.pixels.filter((v) => v === 255).length).toBe(reader2Pixels);

    expect(errors).toEqual([]);
  });

  it('filters the queue, steps with Enter and the arrows, refuses a bad threshold and a series not yet locked in words', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAsCoordinator(page);
    await rail(page, 'Adjudication').click();
    await page.getByTestId('adj-case').waitFor();
    const queue = page.getByRole('list', { name: 'Queue' });
    await queue.waitFor();

    // Filters: by segment, then by reason; the count follows.
    await page.getByLabel('Segment filter').selectOption('thoracic');
    await expect.poll(async () => (await queue.locator('.adj-group').allTextContents()).every((g) => / · thoracic$/.test(g))).toBe(true);
    const thoracic = await remaining(page);
    expect(thoracic).toBeGreaterThan(0);
    await page.getByLabel('Reason filter').selectOption('discordant_mask');
    await expect.poll(async () => (await queue.getByRole('button').allTextContents()).every((t) => /Dice 0\.\d\d < 0\.5/.test(t))).toBe(true);
    await page.getByLabel('Segment filter').selectOption('');
    await page.getByLabel('Reason filter').selectOption('');

    // Enter moves to the next unsettled slice, Shift+Enter back; the arrows step through the series.
    // Start from a case picked in the full queue, once the filters' reload has settled on it.
    const settled = async (testId: string) => {
      let value = '';
      await expect
        .poll(async () => {
          const before = (await page.getByTestId(testId).textContent())!;
          await page.waitForTimeout(300);
          value = (await page.getByTestId(testId).textContent())!;
          return before === value;
        })
        .toBe(true);
      return value;
    };
    await settled('queue-count');
    await queue.getByRole('button').nth(1).click();
    let start = '';
    await expect
      .poll(async () => {
        const before = (await page.getByTestId('case-title').textContent())!;
        await page.waitForTimeout(300);
        start = (await page.getByTestId('case-title').textContent())!;
        return before === start;
      })
      .toBe(true);
    await page.getByTestId('adj-case').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('case-title').textContent()).not.toBe(start);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => page.getByTestId('case-title').textContent()).toBe(start);
    const n = Number(/slice (\d+)\//.exec(start)![1]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('case-title').textContent()).toContain(`slice ${n + 1}/`);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('case-title').textContent()).toBe(start);

    // A threshold outside 0..1 is refused in words; a lower one settles the low-Dice slices automatically.
    await page.getByTitle('Dice threshold, automatic rule, primary reader').click();
    const settings = page.getByRole('form', { name: 'Adjudication settings' });
    await settings.getByLabel('Dice threshold').fill('1.5');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    expect(await settings.getByRole('alert').textContent()).toContain("The Dice threshold must be a number from 0 to 1; '1.5' is not.");
    await settings.getByLabel('Dice threshold').fill('0.3');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.waitFor({ state: 'detached' });
    await page.getByLabel('Reason filter').selectOption('discordant_mask');
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toMatch(/^0 left of 0/);
    await page.getByLabel('Reason filter').selectOption('');

    // A series whose reads are not both locked cannot be settled yet; the screen says why.
    const waiting = seriesWaitingForLocks(study)[0]!;
    await page.evaluate((id) => (location.hash = `#/adjudication/${id}/1`), waiting.seriesId);
    await expect.poll(() => page.getByTestId('case-title').textContent()).toContain(`${waiting.patient} · ${waiting.segment} · slice 1/`);
    await page.keyboard.press('a');
    const alert = page.getByTestId('adj-case').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('both primary reads must be locked');
    expect(await alert.textContent()).toContain(`The decision for slice 1 of ${waiting.patient}`);
    await screenshot(page, 'adjudication-refused');
    expect(errors).toEqual([]);
  });

  it('follows reads as they come in: a reader finishing a series moves the dashboard without a click', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await signInAsCoordinator(page);
    await rail(page, 'Agreement').click();
    const progress = page.getByTestId('agreement-progress');
    await expect.poll(() => progress.textContent()).toMatch(/^\d+ of \d+ series read completely/);
    const before = Number(/^(\d+) of/.exec((await progress.textContent())!)![1]);

    // The readers of a waiting series finish it through the host, as their reader view would.
    const waiting = seriesWaitingForLocks(study)[0]!;
    for (const username of waiting.unlockedReaders) {
      const reader = await connectHostClient(host);
      try {
        await reader.api.study.open({ file: study });
        await reader.api.session.signIn({ username, password: `${username}-demo` });
        const read = await reader.api.reading.open({ seriesId: waiting.seriesId });
        for (const s of read.slices.filter((x) => x.label === 'unread')) {
          await reader.api.reading.saveSlice({ seriesId: waiting.seriesId, image: s.image, label: 'absent', mask: null, beforeHash: s.hash, action: 'Mark absent' });
        }
        await reader.api.reading.lock({ seriesId: waiting.seriesId });
      } finally {
        await reader.close();
      }
    }
    // Auto-refresh (every few seconds while the page is visible) brings the new figures.
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^${before + 1} of`));
    expect(await page.getByTestId('slice-level-kappa').textContent()).toContain(cliAgreement(study).primary('slice level').kappa);
  });
});
