import { open } from 'node:fs/promises';
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { DicomReadError } from './dicom-read-error';
import type { DicomSlice } from './dicom-slice';
import { parseDicom, type ParseDicomOptions } from './parse-dicom';

export interface ReadDicomFileOptions extends ParseDicomOptions {
  /** Files larger than this are refused without being read, in bytes. Default 1 GiB. */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

function ioError(path: string, err: unknown): DicomReadError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
  return new DicomReadError('io', path, `cannot read the file: ${why}`, { cause: err });
}

function tooLarge(path: string, size: number, max: number): DicomReadError {
  return new DicomReadError('too_large', path, `file of ${size} bytes is over the cap of ${max} bytes`);
}

/** Reads and parses a file (see parseDicom); errors name `path`. */
export async function readDicomFile(path: string, options: ReadDicomFileOptions = {}): Promise<DicomSlice> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      if (size > max) throw tooLarge(path, size, max);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof DicomReadError) throw err;
    throw ioError(path, err);
  }
  return parseDicom(bytes, path, options);
}

/** The synchronous twin of readDicomFile, for workers and the CLI. */
export function readDicomFileSync(path: string, options: ReadDicomFileOptions = {}): DicomSlice {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (stat.size > max) throw tooLarge(path, stat.size, max);
    bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    if (read < stat.size) bytes = bytes.subarray(0, read);
  } catch (err) {
    if (err instanceof DicomReadError) throw err;
    throw ioError(path, err);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return parseDicom(bytes, path, options);
}
