import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consensusExportCommand } from '../../../electron/core/cli/commands/consensus-export';
import { copyFolderInto } from '../../../electron/core/export/safe-output';
import { demoStudyCopy } from '../../support/demo';
import { tempDir } from '../../support/temp';
import { runCommand } from './helpers';

/**
 * An export folder may already hold names that are symbolic links (another account of the machine
 * planted them, pointing at a file of yours): bme never writes through them.
 */
describe.skipIf(process.platform === 'win32')('CLI exports and symbolic links in the output folder', () => {
  it('bme consensus export refuses a PNG name or index.csv that is a link, and the file it points at is unchanged', async () => {
    const file = await demoStudyCopy(1, 7);
    const scratch = join(tempDir(), 'first');
    await runCommand(consensusExportCommand, { db: file, out: scratch, format: 'png' });
    const png = readdirSync(scratch).find((n) => n.endsWith('.png'))!;

    for (const name of [png, 'index.csv', 'index.json']) {
      const dir = tempDir();
      const victim = join(dir, 'victim.txt');
      writeFileSync(victim, 'precious');
      const out = join(dir, 'out');
      mkdirSync(out);
      symlinkSync(victim, join(out, name));
      await expect(runCommand(consensusExportCommand, { db: file, out, format: 'png' }), name).rejects.toMatchObject({
        message: expect.stringMatching(/is a symbolic link .* does not write through links/),
      });
      expect(readFileSync(victim, 'utf8'), name).toBe('precious');
    }
  });

  it('a model export refuses a fold folder that is a link', () => {
    const dir = tempDir();
    const src = join(dir, 'fold-0');
    mkdirSync(src);
    writeFileSync(join(src, 'model.json'), '{}');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'fold-0'));
    expect(() => copyFolderInto(src, out, 'fold-0')).toThrow(/is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
