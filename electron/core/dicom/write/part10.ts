/**
 * DICOM Part 10 files (PS3.10 section 7.1): 128-byte preamble, 'DICM', the file meta group
 * (0002,xxxx) in explicit VR little endian with its group length, then the dataset in the
 * transfer syntax the meta group names. Only explicit VR little endian datasets for now.
 */
import { appVersion } from '../../app-version';
import { AppError } from '../../../../shared/contracts/errors';
import { Tags, Uids, type DicomElement } from './dicom-element';
import { encodeDataset, encodeElement } from './encode-dataset';
import { uidFromName } from './uid';

/** This writer's ImplementationClassUID (0002,0012): fixed, derived from its name. */
export const IMPLEMENTATION_CLASS_UID = uidFromName('BME Workstation DICOM writer');

/** ImplementationVersionName (0002,0013): 'BME_WS_' and the app version, at most 16 characters. */
export const IMPLEMENTATION_VERSION_NAME = `BME_WS_${appVersion}`.slice(0, 16);

export interface Part10Options {
  /** (0002,0016), the AE title of the writer; left out when not given. */
  sourceApplicationEntityTitle?: string;
}

function stringOf(elements: readonly DicomElement[], t: number): string | undefined {
  const v = elements.find((e) => e.tag === t)?.value;
  return typeof v === 'string' ? v.trim() : undefined;
}

/** The file meta group, its group length first. */
export function encodeFileMetaGroup(sopClassUid: string, sopInstanceUid: string, options: Part10Options = {}): Uint8Array {
  const meta: DicomElement[] = [
    { tag: Tags.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0x00, 0x01]) },
    { tag: Tags.MediaStorageSOPClassUID, vr: 'UI', value: sopClassUid },
    { tag: Tags.MediaStorageSOPInstanceUID, vr: 'UI', value: sopInstanceUid },
    { tag: Tags.TransferSyntaxUID, vr: 'UI', value: Uids.ExplicitVrLittleEndian },
    { tag: Tags.ImplementationClassUID, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: Tags.ImplementationVersionName, vr: 'SH', value: IMPLEMENTATION_VERSION_NAME },
  ];
  if (options.sourceApplicationEntityTitle) {
    meta.push({ tag: 0x00020016, vr: 'AE', value: options.sourceApplicationEntityTitle });
  }
  const body = encodeDataset(meta);
  const groupLength = encodeElement({ tag: Tags.FileMetaInformationGroupLength, vr: 'UL', value: body.length }, 'ascii');
  return Buffer.concat([groupLength, body]);
}

/**
 * A complete Part 10 file for `dataset`, whose SOPClassUID (0008,0016) and SOPInstanceUID
 * (0008,0018) are copied into the meta group. The dataset must not contain group 0002.
 */
export function encodeDicomPart10(dataset: readonly DicomElement[], options: Part10Options = {}): Uint8Array {
  if (dataset.some((e) => e.tag >>> 16 === 0x0002)) {
    throw new AppError('bad_request', 'The dataset to write contains file meta elements (group 0002); the Part 10 writer makes those itself.');
  }
  const sopClassUid = stringOf(dataset, Tags.SOPClassUID);
  const sopInstanceUid = stringOf(dataset, Tags.SOPInstanceUID);
  if (!sopClassUid || !sopInstanceUid) {
    throw new AppError('bad_request', 'The dataset to write needs SOPClassUID (0008,0016) and SOPInstanceUID (0008,0018) as strings.');
  }
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128); // 'DICM'
  return Buffer.concat([preamble, encodeFileMetaGroup(sopClassUid, sopInstanceUid, options), encodeDataset(dataset)]);
}
