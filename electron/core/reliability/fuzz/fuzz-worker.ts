import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { decodeStoredFrame, DicomReadError, parseDicom } from '../../dicom/decode';
import { BlobStore } from '../../dicom/import/blob-store';
import { scanFile } from '../../dicom/import/scan-file';
import type { FuzzReply, FuzzRequest } from './fuzz-messages';

/**
 * The fuzz worker, a child process of the fuzzer: runs the importer's per-file path (scanFile:
 * read, parse, decode the first frame, store the copy) on one file per message and reports the
 * outcome, the time and the peak memory. A crash, a hang or a runaway allocation kills only this
 * process; the parent notes the file and starts another.
 *
 * Usage (forked with IPC): node fuzz-worker.cjs BLOB_DIR
 */
const blobDir = process.argv[2]!;
let blobs = new BlobStore(blobDir);
let scanned = 0;

/** Resets the kernel's peak-RSS mark of this process to the current RSS (Linux); false elsewhere. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakMb(canReset: boolean): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/Vm(?:HWM):\s+(\d+)/.exec(status)?.[1] ?? NaN);
    if (canReset && Number.isFinite(kb)) return kb / 1024;
  } catch {
    // Not Linux: fall back to the RSS now.
  }
  return process.memoryUsage().rss / (1024 * 1024);
}

/** What was really thrown for a 'decode_failed' problem: null when it is a DicomReadError. */
async function thrownBy(path: string): Promise<string | null> {
  try {
    const slice = parseDicom(readFileSync(path), path);
    await decodeStoredFrame(slice, 0);
    return null;
  } catch (err) {
    if (err instanceof DicomReadError) return null;
    return `${(err as Error)?.constructor?.name ?? typeof err}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
  }
}

process.on('message', (m: FuzzRequest) => {
  void (async () => {
    const canReset = resetPeak();
    const started = performance.now();
    const r = await scanFile(m.path, blobs);
    const ms = performance.now() - started;
    const peak = peakMb(canReset);
    const rssAfterMb = process.memoryUsage().rss / (1024 * 1024);
    let reply: FuzzReply;
    if (r.kind === 'problem') reply = { id: m.id, ms, peakMb: peak, rssAfterMb, kind: 'problem', code: r.code, message: r.message, untyped: r.code === 'decode_failed' ? await thrownBy(m.path) : null };
    else if (r.kind === 'skipped') reply = { id: m.id, ms, peakMb: peak, rssAfterMb, kind: 'skipped', code: 'skipped', message: `${r.path}: ${r.reason}`, untyped: null };
    else if (r.kind === 'image') reply = { id: m.id, ms, peakMb: peak, rssAfterMb, kind: 'image', code: null, message: r.path, untyped: null };
    else reply = { id: m.id, ms, peakMb: peak, rssAfterMb, kind: 'other', code: null, message: JSON.stringify(r).slice(0, 300), untyped: null };
    // Accepted files leave copies in the blob store: clear it now and then.
    if (++scanned % 200 === 0) {
      rmSync(blobDir, { recursive: true, force: true });
      blobs = new BlobStore(blobDir);
    }
    process.send!(reply);
  })();
});
process.send!({ ready: true });
