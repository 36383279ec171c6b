import type { SlicePixels } from '../../../../shared/model/imaging';

/** One decoded slice as the viewer serves it (SlicePixels without its index in the series). */
export type DecodedSlice = Omit<SlicePixels, 'index' | 'image'>;

/**
 * The slice decoder's protocol (electron/core/workers): the thread reads a study's copy of a DICOM
 * file and decodes its first frame; the stored values come back moved, not copied.
 */
export interface DecodeProtocol {
  requests: {
    decodeSlice: {
      params: {
        /** The study's copy of the file (its blob path). */
        file: string;
        /** What errors call the file. */
        label: string;
      };
      result: DecodedSlice;
    };
  };
  events: Record<string, never>;
}
