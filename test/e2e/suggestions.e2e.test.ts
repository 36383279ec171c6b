import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SliceMask } from '../../renderer/src/editor/mask/sliceMask';
import { launchChromium, screenshot } from '../support/browser';
import { buildStudyWithModel } from '../support/evaluation-study';
import { connectHostClient, type HostClient } from '../support/host-client';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { openStudyAndSignIn, tabSessionId, waitForReader } from '../support/reader-page';
import { layerPixel, ROI_LAYER, SUGGESTION_LAYER } from '../support/suggestion-page';
import { openSqlite } from '../../electron/core/db/sqlite';

/**
 * Pre-annotation end to end in Chromium against the Node host: the coordinator runs a trained
 * model on a series and lets readers see suggestions; a reader opens the series, sees the
 * suggestion drawn (hatched, dashed cyan, unlike their own ROI), hides and shows it, accepts it
 * with Y; the stored read then holds exactly the suggested mask, and the audit names the reader
 * and the accept action. Undo takes it back like any edit.
 */

let host: HostProcess;
let browser: Browser;
let file: string;
const clients: HostClient[] = [];

beforeAll(async () => {
  file = await buildStudyWithModel(mkdtempSync(join(tmpdir(), 'bme-e2e-suggestions-')));
  host = await startHostProcess();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  for (const c of clients) await c.close();
  await browser?.close();
  await host?.stop();
});

async function signedIn(username: string, password: string): Promise<{ page: Page; errors: string[]; client: HostClient }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openStudyAndSignIn(page, host, file, username, password);
  const client = await connectHostClient(host, await tabSessionId(page));
  clients.push(client);
  return { page, errors, client };
}

describe('model suggestions in the reader view', () => {
  it('the coordinator pre-annotates a series and lets readers see suggestions; a reader accepts one, which is saved as their read with the action in the audit', { timeout: 240_000 }, async () => {
    // A series the reader has not locked.
    const reader = await signedIn('reader2', 'reader2-demo');
    const items = await reader.client.api.reading.worklist();
    const item = items.find((w) => !w.locked);
    expect(item, 'the demo leaves reader 2 an unlocked read').toBeDefined();
    const seriesId = item!.seriesId;
    expect(await reader.client.api.reading.suggestions({ seriesId }), 'nothing before pre-annotation').toBeNull();

    // ---- The coordinator pre-annotates it and lets readers see suggestions ----
    const coord = await signedIn('coordinator', 'coordinator-demo');
    await coord.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Evaluation', exact: true }).click();
    const panel = coord.page.getByRole('region', { name: 'Pre-annotation' });
    await panel.getByLabel('Series to pre-annotate').selectOption(String(seriesId));
    expect(await panel.getByLabel('Model to pre-annotate with').inputValue()).toBe('1');
    await panel.getByRole('button', { name: 'Pre-annotate' }).click();
    await expect.poll(() => panel.getByTestId('preannotate-result').textContent(), { timeout: 120_000 }).toMatch(/a suggestion on \d+ of \d+ slices/);
    const setting = panel.getByLabel('Readers see model suggestions');
    expect(await setting.isChecked(), 'off by default').toBe(false);
    // Still off: the reader sees nothing, though the suggestions exist.
    expect(await reader.client.api.reading.suggestions({ seriesId })).toBeNull();
    await setting.check();
    await expect.poll(() => coord.client.api.predictions.settings()).toEqual({ readersSeeSuggestions: true });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(coord.page, 'suggestions-coordinator-preannotate');

    const suggestions = (await reader.client.api.reading.suggestions({ seriesId }))!;
    expect(suggestions.modelId).toBe(1);
    const before = await reader.client.api.reading.open({ seriesId });
    // A slice with a suggested ROI where the reader has drawn nothing yet.
    const target = suggestions.slices.find((s) => s.mask && before.slices[s.index]!.mask === null);
    expect(target, 'a suggestion on a slice without a ROI of the reader').toBeDefined();
    const suggested = SliceMask.fromWire(target!.mask!);
    // A pixel well inside the suggestion, on one of its hatch stripes ((col + row) % 4 === 0).
    let inside: { x: number; y: number } | null = null;
    for (let y = 2; y < suggested.height - 2 && !inside; y++) {
      for (let x = 2; x < suggested.width - 2; x++) {
        if ((x + y) % 4 === 0 && [-2, 0, 2].every((d) => suggested.get(x + d, y) && suggested.get(x, y + d))) {
          inside = { x, y };
          break;
        }
      }
    }
    expect(inside).not.toBeNull();
    const { x, y } = inside!;

    // ---- The reader opens the series: suggestions marked on the strip and drawn on the slice ----
    const page = reader.page;
    await page.reload();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.locator(`tr[data-series-id="${seriesId}"]`).getByRole('button').click();
    await waitForReader(page);
    const sp = page.getByTestId('suggestion-panel');
    await sp.waitFor();
    expect(await sp.textContent()).toContain(suggestions.modelName);
    const marked = await page.locator('.slice-strip .slice-cell[data-suggestion="true"]').count();
    expect(marked).toBe(suggestions.slices.filter((s) => s.mask).length);
    await page.locator('.slice-strip .slice-cell').nth(target!.index).click();
    await page.getByTestId('slice-number').getByText(`Slice ${target!.index + 1} /`).waitFor();
    expect(await sp.getAttribute('data-status')).toBe('pending');
    const drawn = await layerPixel(page, SUGGESTION_LAYER, x, y);
    expect(drawn[3], 'the suggestion is drawn').toBeGreaterThan(0);
    expect(drawn[2]!, 'in cyan, not the orange of a ROI').toBeGreaterThan(drawn[0]!);
    expect((await layerPixel(page, ROI_LAYER, x, y))[3], 'and it is not the reader ROI').toBe(0);
    await screenshot(page, 'suggestions-reader-pending');

    // X hides it on this slice (nothing saved), X again shows it.
    await page.keyboard.press('x');
    expect(await sp.getAttribute('data-status')).toBe('hidden');
    await expect.poll(async () => (await layerPixel(page, SUGGESTION_LAYER, x, y))[3]).toBe(0);
    await page.keyboard.press('x');
    await expect.poll(async () => (await layerPixel(page, SUGGESTION_LAYER, x, y))[3]).toBeGreaterThan(0);

    // ---- Y accepts: the reader's ROI, the slice present, saved ----
    await page.keyboard.press('y');
    expect(await page.getByTestId('slice-label').textContent()).toBe('BME present');
    expect(await sp.getAttribute('data-status')).toBe('accepted');
    expect((await layerPixel(page, ROI_LAYER, x, y))[3], 'now the reader ROI').toBeGreaterThan(0);
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    await screenshot(page, 'suggestions-reader-accepted');

    const stored = async () => (await reader.client.api.reading.open({ seriesId })).slices[target!.index]!;
    await expect.poll(async () => (await stored()).label).toBe('present');
    expect((await stored()).mask!.runs).toEqual(target!.mask!.runs);

    // The audit names the reader and the action.
    const db = openSqlite(file, { readonly: true });
    try {
      const me = db.prepare('SELECT id FROM account WHERE username = ?').get('reader2') as { id: number };
      const row = db.prepare("SELECT actor_id, details FROM audit WHERE action = 'read.save_slice' ORDER BY id DESC LIMIT 1").get() as { actor_id: number; details: string };
      expect(row.actor_id).toBe(me.id);
      expect(JSON.parse(row.details)).toMatchObject({ seriesId, sliceIndex: target!.index, label: 'present', what: 'Accept suggestion (model 1)' });
    } finally {
      db.close();
    }

    // ---- Undo takes it back like any edit; the suggestion is pending again ----
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stored()).mask).toBeNull();
    expect(await sp.getAttribute('data-status')).toBe('pending');
    await sp.getByRole('button', { name: /Accept/ }).click();
    await expect.poll(async () => (await stored()).mask?.runs ?? null).toEqual(target!.mask!.runs);
    expect(reader.errors).toEqual([]);
    expect(coord.errors).toEqual([]);
  });
});
