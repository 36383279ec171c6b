import { createHmac, randomBytes } from 'node:crypto';
import type { OpenStudy } from '../study-registry';

/** The study setting that holds the de-identification key (hex, 32 random bytes). */
export const UID_KEY_SETTING = 'deid.uid_key';

/**
 * What an export says about its de-identification, in the terms of DICOM PS3.15 Annex E (Basic
 * Application Level Confidentiality Profile) and the De-identification Method Code 113100.
 */
export const DEIDENTIFICATION_NOTE = {
  profile: 'DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile (DCM 113100)',
  patientIdentityRemoved: 'YES',
  notExported: ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'AccessionNumber', 'institution and operator names', 'descriptions'],
  patients: "pseudonyms assigned at import (P001, P002 ...), not derived from names or IDs",
  uids: 'Study/Series/SOP Instance UIDs replaced (action U) by 2.25 UUID-derived UIDs: HMAC-SHA-256 under a key kept in the study, so the same original UID always maps to the same new one within this study and cannot be reversed without the key',
} as const;

/**
 * Remaps UIDs for exports that leave the study: the same original UID always gives the same new
 * UID (so rows of different exports still join), different studies give different UIDs, and the
 * original cannot be recovered without the study's key.
 */
export class UidRemapper {
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: Buffer) {}

  /**
   * A UID of the form 2.25.<decimal> (PS3.5 B.2, a UID derived from a UUID): the first 128 bits of
   * HMAC-SHA-256(key, uid) with the RFC 9562 version 8 (custom) and variant bits set. At most 44
   * characters, within the 64 allowed.
   */
  uid(original: string): string {
    let out = this.cache.get(original);
    if (!out) {
      const b = createHmac('sha256', this.key).update(`uid|${original}`).digest().subarray(0, 16);
      b[6] = (b[6]! & 0x0f) | 0x80;
      b[8] = (b[8]! & 0x3f) | 0x80;
      out = `2.25.${BigInt(`0x${b.toString('hex')}`).toString(10)}`;
      this.cache.set(original, out);
    }
    return out;
  }
}

/**
 * The study's remapper, creating its key on first use (with an audit row, in one transaction).
 * The key lives in the study file only: copies of the study remap alike, other studies do not.
 */
export function uidRemapperFor(study: OpenStudy): UidRemapper {
  let hex = study.settings.get<string | null>(UID_KEY_SETTING, null);
  if (!hex) {
    hex = study.tx(() => {
      const existing = study.settings.get<string | null>(UID_KEY_SETTING, null);
      if (existing) return existing;
      const created = randomBytes(32).toString('hex');
      const now = new Date().toISOString();
      study.settings.set(UID_KEY_SETTING, created, null, now);
      study.audit.append({ actorId: null, action: 'deid.key_create', entity: 'study_setting', entityId: UID_KEY_SETTING, details: { why: 'first de-identified export' } }, now);
      return created;
    });
  }
  return new UidRemapper(Buffer.from(hex, 'hex'));
}
