/** The DICOM writer: flat datasets as explicit VR little endian Part 10 files. */
export { formatTag, tag, Tags, Uids, type DicomElement, type DicomValue, type DicomVr } from './dicom-element';
export { formatDecimalString, encodeValue, type TextEncoding } from './encode-value';
export { encodeDataset, encodeElement, textEncodingOf } from './encode-dataset';
export { encodeDicomPart10, encodeFileMetaGroup, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, type Part10Options } from './part10';
export { isValidUid, randomUid, uidFromName } from './uid';
