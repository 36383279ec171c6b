import { parentPort, workerData } from 'node:worker_threads';
import { BlobStore } from './import/blob-store';
import type { MainToWorker, WorkerToMain } from './import/import-messages';
import { scanFile } from './import/scan-file';
import { walkFiles } from './import/walk-files';

/**
 * The import worker: walks the given paths, reads, checks and copies every file off the core's
 * thread, and streams one message per file. The core writes the database; this thread never does.
 */
async function run(): Promise<void> {
  const { paths, blobDir } = workerData as MainToWorker;
  const post = (m: WorkerToMain) => parentPort!.postMessage(m);
  const blobs = new BlobStore(blobDir);
  const files = walkFiles(paths, (path, message) => post({ kind: 'problem', path, code: 'io', message: `${path}: ${message}`, byteLength: 0 }));
  post({ kind: 'total', files: files.length });
  for (const file of files) post(await scanFile(file, blobs));
  post({ kind: 'done' });
}

void run();
