import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../shared/contracts/errors';
import { SliceMask } from '../../renderer/src/editor/mask/sliceMask';
import { launchChromium, screenshot } from '../support/browser';
import { connectHostClient, type HostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { dragThroughImage, imageToPage, openStudyAndSignIn, roiLayerPixel, stripLabels, tabSessionId, waitForReader } from '../support/reader-page';
import { setUpReadingStudy, type ReadingStudy } from '../support/reading-study';

let host: HostProcess;
let browser: Browser;
let study: ReadingStudy;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const clients: HostClient[] = [];

beforeAll(async () => {
  host = await startHostProcess();
  browser = await launchChromium();
  study = await setUpReadingStudy(host, {
    readers: [
      { username: 'alice', displayName: 'Dr. Alice Reader' },
      { username: 'bob', displayName: 'Dr. Bob Reader' },
    ],
    assign: [
      { series: 0, slot: 'reader1', reader: 'alice' },
      { series: 0, slot: 'reader2', reader: 'bob' },
      { series: 1, slot: 'reader1', reader: 'alice' },
      { series: 2, slot: 'reader1', reader: 'bob' },
    ],
  });
  clients.push(study.admin);
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await host?.stop();
});

/** A browser context of its own: another person at another machine (own session storage). */
async function newPerson(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** A contract client acting as the person signed in in `page`. */
async function clientOf(page: Page): Promise<HostClient> {
  const client = await connectHostClient(host, await tabSessionId(page));
  clients.push(client);
  return client;
}

const cervical = () => study.series[0]!.seriesId;
/** 'P001 cervical': how the screens name a series (pseudonym and segment). */
const named = (i: number) => `${study.series[i]!.patient} ${study.series[i]!.segment}`;

describe('reading in the browser', () => {
  it('a reader draws, erases, labels, undoes and redoes; after a reload everything is there; the other reader sees none of it', async () => {
    const page = await newPerson();
    await openStudyAndSignIn(page, host, study.file, 'alice');

    // The worklist: Alice's two series, nothing read yet.
    const worklist = page.getByRole('table', { name: 'Worklist' });
    await worklist.waitFor();
    expect(await worklist.locator('tbody tr').count()).toBe(2);
    expect(await worklist.locator('tbody').textContent()).toContain('0 / 18');
    await screenshot(page, 'reading-worklist-empty');

    await page.getByRole('button', { name: `Start ${named(0)}` }).click();
    await waitForReader(page);
    const alice = await clientOf(page);

    // Slice 9: one brush stroke, zooming in with the wheel half-way through it.
    await page.getByRole('button', { name: 'Slice 9: unread' }).click();
    await page.getByTestId('slice-number').getByText('Slice 9 / 18').waitFor();
    await page.keyboard.press(']'); // radius 5 -> 8
    expect(await page.getByTestId('brush-radius').textContent()).toBe('8');
    const start = await imageToPage(page, 40, 40);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const mid = await imageToPage(page, 52, 40);
    await page.mouse.move(mid.x, mid.y, { steps: 8 });
    const zoomBefore = Number(await page.getByTestId('slice-stage').getAttribute('data-zoom'));
    await page.mouse.wheel(0, -240);
    await expect.poll(async () => Number(await page.getByTestId('slice-stage').getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore);
    const end = await imageToPage(page, 72, 40);
    await page.mouse.move(end.x, end.y, { steps: 10 });
    await page.mouse.up();
    expect(await page.getByTestId('slice-label').textContent()).toBe('BME present');

    // The eraser cuts the stroke in two.
    await page.keyboard.press('e');
    await dragThroughImage(page, [
      { x: 56, y: 26 },
      { x: 56, y: 54 },
    ]);
    await screenshot(page, 'reading-drawn-and-erased');
    expect((await roiLayerPixel(page, 42, 40))[3]).toBeGreaterThan(0);
    expect((await roiLayerPixel(page, 56, 40))[3]).toBe(0);
    expect((await roiLayerPixel(page, 70, 40))[3]).toBeGreaterThan(0);
    expect((await roiLayerPixel(page, 42, 60))[3]).toBe(0);
    const history = page.getByRole('region', { name: 'History' });
    expect(await history.textContent()).toMatch(/Brush stroke.*slice 9.*Erase.*slice 9/);

    // Slices 1-3 absent from the keyboard, then undo twice and redo once: 1 and 2 absent, 3 unread.
    await page.keyboard.press('Home');
    await page.getByRole('button', { name: 'Slice 1: unread' }).click();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('a');
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
    const expectedLabels = Array.from({ length: 18 }, (_, i) => (i < 2 ? 'absent' : i === 8 ? 'present' : 'unread'));
    expect(await stripLabels(page)).toEqual(expectedLabels);
    expect(await history.textContent()).toMatch(/Mark absent.*slice 2.*Mark absent.*slice 3/); // slice 3's entry is undone, still listed for redo

    // Everything reaches the study: read back through the contract as Alice.
    await expect.poll(async () => (await alice.api.reading.open({ seriesId: cervical() })).slices.map((s) => s.label), { timeout: 10_000 }).toEqual(expectedLabels);
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    const saved = await alice.api.reading.open({ seriesId: cervical() });
    const mask = SliceMask.fromWire(saved.slices[8]!.mask!);
    expect([mask.get(42, 40), mask.get(56, 40), mask.get(70, 40), mask.get(42, 60)]).toEqual([1, 0, 1, 0]);
    expect(saved.slices[0]!.mask).toBeNull();
    await screenshot(page, 'reading-labelled');

    // Reload: the same slice states and the same ROI pixels, from the study file.
    await page.reload();
    await waitForReader(page);
    expect(await stripLabels(page)).toEqual(expectedLabels);
    await page.getByRole('button', { name: 'Slice 9: BME present' }).click();
    await page.getByTestId('slice-number').getByText('Slice 9 / 18').waitFor();
    expect((await roiLayerPixel(page, 42, 40))[3]).toBeGreaterThan(0);
    expect((await roiLayerPixel(page, 56, 40))[3]).toBe(0);
    expect((await roiLayerPixel(page, 70, 40))[3]).toBeGreaterThan(0);
    await screenshot(page, 'reading-after-reload');

    // Back on the worklist: 3 of 18 read, 1 present, resume where she left off.
    await page.getByRole('button', { name: '← Worklist' }).click();
    await expect.poll(async () => (await alice.api.reading.worklist()).find((w) => w.seriesId === cervical())?.lastSlice).toBe(8);
    const row = page.locator(`tr[data-series-id="${cervical()}"]`);
    await row.getByText('3 / 18').waitFor();
    await screenshot(page, 'reading-worklist-progress');

    // Bob, in another browser: his own worklist with his own zero progress, and none of Alice's work.
    const bobPage = await newPerson();
    await openStudyAndSignIn(bobPage, host, study.file, 'bob');
    const bobList = bobPage.getByRole('table', { name: 'Worklist' });
    await bobList.waitFor();
    expect(await bobList.locator('tbody tr').count()).toBe(2);
    expect(await bobList.locator(`tr[data-series-id="${cervical()}"]`).textContent()).toContain('0 / 18');
    const bob = await clientOf(bobPage);
    const bobItems = await bob.api.reading.worklist();
    expect(bobItems.find((w) => w.seriesId === cervical())).toMatchObject({ slot: 'reader2', read: 0, present: 0 });

    await bobPage.getByRole('button', { name: `Start ${named(0)}` }).click();
    await waitForReader(bobPage);
    expect(new Set(await stripLabels(bobPage))).toEqual(new Set(['unread']));
    await bobPage.getByRole('button', { name: 'Slice 9: unread' }).click();
    await bobPage.getByTestId('slice-number').getByText('Slice 9 / 18').waitFor();
    expect((await roiLayerPixel(bobPage, 42, 40))[3]).toBe(0);
    const bobsRead = await bob.api.reading.open({ seriesId: cervical() });
    expect(bobsRead.slot).toBe('reader2');
    expect(bobsRead.slices.every((s) => s.label === 'unread' && s.mask === null)).toBe(true);
    await screenshot(bobPage, 'reading-second-reader-blind');

    // A series assigned only to Alice: refused in the UI and through the contract.
    const thoracic = study.series[1]!.seriesId;
    await bobPage.goto(`${host.origin}/#/read/${thoracic}`);
    const refusal = bobPage.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/is not assigned to you/);
    await screenshot(bobPage, 'reading-refused');
    const attempt = await bob.api.reading.open({ seriesId: thoracic }).catch((e: unknown) => e);
    expect(attempt).toBeInstanceOf(RemoteError);
    expect((attempt as RemoteError).code).toBe('forbidden');
  });

  it('shows the shortcuts panel on ?, generated from the shortcut map, and pans with the middle button in the middle of a stroke', async () => {
    const page = await newPerson();
    await openStudyAndSignIn(page, host, study.file, 'alice');
    await page.getByRole('button', { name: `Start ${named(1)}` }).click();
    await waitForReader(page);
    await page.keyboard.press('?');
    const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await panel.waitFor();
    const text = await panel.textContent();
    for (const phrase of ['Next unread slice', 'Mark slice: BME present', 'Smaller brush', 'Fill holes in the ROI', 'Ctrl+Shift+Z']) expect(text).toContain(phrase);
    await screenshot(page, 'reading-shortcuts');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // The middle button pressed in the middle of a brush stroke pans; the stroke goes on after it.
    await page.getByRole('button', { name: 'Slice 9: unread' }).click();
    const stage = page.getByTestId('slice-stage');
    const offsetBefore = Number(await stage.getAttribute('data-offset-x'));
    const a = await imageToPage(page, 30, 100);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    const b = await imageToPage(page, 45, 100);
    await page.mouse.move(b.x, b.y, { steps: 6 });
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(b.x + 60, b.y, { steps: 6 });
    await page.mouse.up({ button: 'middle' });
    await expect.poll(async () => Number(await stage.getAttribute('data-offset-x'))).toBeCloseTo(offsetBefore + 60, 0);
    const c = await imageToPage(page, 60, 100);
    await page.mouse.move(c.x, c.y, { steps: 6 });
    await page.mouse.up();
    const history = page.getByRole('region', { name: 'History' });
    expect(await history.getByRole('listitem').allTextContents()).toEqual(['Brush strokeslice 9']);
    for (const x of [32, 45, 58]) expect((await roiLayerPixel(page, x, 100))[3]).toBeGreaterThan(0);
    await screenshot(page, 'reading-pan-mid-stroke');
  });

  it('a reader locks a finished read (then it is read-only), and the coordinator reopens it with a reason', async () => {
    const page = await newPerson();
    await openStudyAndSignIn(page, host, study.file, 'bob');
    const lumbar = study.series[2]!.seriesId;
    await page.locator(`tr[data-series-id="${lumbar}"]`).getByRole('button').click();
    await waitForReader(page);
    const lock = page.getByRole('button', { name: 'Lock read…' });
    expect(await lock.isDisabled()).toBe(true);

    // Every slice absent except one lesion drawn with the lasso on slice 10.
    await page.getByRole('button', { name: 'Slice 1: unread' }).click();
    for (let i = 0; i < 18; i++) {
      if (i === 9) {
        await page.keyboard.press('l');
        await dragThroughImage(page, [
          { x: 30, y: 70 },
          { x: 50, y: 70 },
          { x: 50, y: 90 },
          { x: 30, y: 90 },
        ]);
      } else await page.keyboard.press('a');
      await page.keyboard.press('ArrowDown');
    }
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    await lock.click();
    await page.getByRole('group', { name: 'Confirm lock' }).getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByText('Locked: this read is final').waitFor();
    expect(await page.getByTestId('reader').getAttribute('data-locked')).toBe('true');
    expect(await page.getByRole('button', { name: 'Brush (B)' }).isDisabled()).toBe(true);
    await page.keyboard.press('b');
    await page.getByText('This read is locked; ask the coordinator to reopen it').waitFor();
    await screenshot(page, 'reading-locked');
    const bob = await clientOf(page);
    const read = await bob.api.reading.open({ seriesId: lumbar });
    expect(read.locked).toBe(true);
    expect(SliceMask.fromWire(read.slices[9]!.mask!).get(40, 80)).toBe(1);

    // The coordinator's assignment screen: progress, the lock, and reopen with a reason.
    const coordPage = await newPerson();
    await openStudyAndSignIn(coordPage, host, study.file, 'coord');
    await coordPage.getByRole('link', { name: 'Assignments' }).click();
    const table = coordPage.getByRole('table', { name: 'Assignments' });
    await table.waitFor();
    const row = table.locator(`tr[data-series-id="${lumbar}"]`);
    await row.getByText('18/18').waitFor();
    await row.getByText('locked').waitFor();
    await screenshot(coordPage, 'assignments-locked');
    await row.getByRole('button', { name: /Reopen the read of Dr. Bob Reader/ }).click();
    await row.getByLabel('Reason for reopening').fill('Slice 10: lesion outline to be checked');
    await row.getByRole('button', { name: 'Reopen', exact: true }).click();
    await row.getByText('locked').waitFor({ state: 'detached' });
    expect((await bob.api.reading.open({ seriesId: lumbar })).locked).toBe(false);

    // Assign a second reader to the thoracic series from the screen; Alice's slot keeps her progress.
    const thoracic = study.series[1]!.seriesId;
    await coordPage.getByLabel(`Reader 2 of ${named(1)}`).selectOption({ label: 'Dr. Bob Reader' });
    await expect.poll(async () => (await study.admin.api.assignments.list()).some((a) => a.seriesId === thoracic && a.slot === 'reader2' && a.accountId === study.readers.bob!.id)).toBe(true);
    // Alice has read slices of the cervical series: her slot cannot be handed to someone else.
    expect(await coordPage.getByLabel(`Reader 1 of ${named(0)}`).isDisabled()).toBe(true);
    await screenshot(coordPage, 'assignments');
  });
});
