/**
 * DICOM UIDs without a registered root: the '2.25.' form, a UUID written as one decimal integer
 * (PS3.5 section B.2). At most 44 characters, well under the 64 allowed.
 */
import { createHash, randomUUID } from 'node:crypto';

function uuidBytesToUid(bytes: Uint8Array): string {
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(bytes[i]);
  return `2.25.${n.toString()}`;
}

/**
 * A UID derived from a name: the same name always gives the same UID, different names give
 * different UIDs (SHA-256, first 128 bits, marked as a version-8 RFC 9562 UUID). For
 * reproducible output such as the phantom cohort; the name should say what it identifies,
 * e.g. 'bme-phantom/seed=1/patient=3/series=lumbar'.
 */
export function uidFromName(name: string): string {
  const bytes = new Uint8Array(createHash('sha256').update(name, 'utf8').digest().subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
  return uuidBytesToUid(bytes);
}

/** A fresh random UID (from a random version-4 UUID). */
export function randomUid(): string {
  return uuidBytesToUid(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'));
}

/** True for a syntactically valid UID: digits and dots, no empty or zero-led component, <= 64. */
export function isValidUid(uid: string): boolean {
  return uid.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(uid);
}
