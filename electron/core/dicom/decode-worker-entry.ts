import { serveRequests } from '../workers/serve-requests';
import { withTransfer } from '../workers/worker-protocol';
import { decodeSliceFile } from './decode-worker/decode-slice';
import type { DecodeProtocol } from './decode-worker/decode-protocol';

/**
 * The slice decoder thread: the viewer's DICOM decoding (JPEG, JPEG-LS, JPEG 2000, RLE, deflate)
 * runs here, so the core's thread, which answers every window's IPC calls, never waits on a codec.
 */
serveRequests<DecodeProtocol>({
  async decodeSlice({ file, label }) {
    const slice = await decodeSliceFile(file, label);
    return withTransfer(slice, [slice.stored.buffer as ArrayBuffer]);
  },
});
