import { serveRequests } from '../workers/serve-requests';
import { BlobStore } from './import/blob-store';
import type { ImportProtocol } from './import/import-messages';
import { scanFile } from './import/scan-file';
import { walkFiles } from './import/walk-files';

/**
 * The import worker: walks the given paths, reads, checks and copies every file off the core's
 * thread, and streams one event per file. The core writes the database; this thread never does.
 */
serveRequests<ImportProtocol>({
  async scan({ paths, blobDir, tmpTag }, { emit }) {
    const blobs = new BlobStore(blobDir, tmpTag);
    const files = walkFiles(paths, (path, message) => emit('file', { kind: 'problem', path, code: 'io', message: `${path}: ${message}`, byteLength: 0 }));
    emit('total', { files: files.length });
    for (const file of files) emit('file', await scanFile(file, blobs));
    return { files: files.length };
  },
});
