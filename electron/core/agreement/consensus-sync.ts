import { maskFromCanonicalBytes, maskPixelCount, maskToCanonicalBytes, roiOrNull, type EncodedMask } from '../../../shared/geometry/mask';
import type { AdjudicationSettings, ConsensusDecision, QueueItem } from '../../../shared/model/adjudication';
import { DEFAULT_ADJUDICATION_SETTINGS } from '../../../shared/model/adjudication';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import type { ConsensusMethod, ConsensusRow } from '../db/repositories/consensus-repository';
import type { OpenStudy } from '../study-registry';
import { autoConsensus, classifySlice, type ReadSlice } from './adjudication-rules';
import { loadSeriesReads, type FullSeriesReads } from './load-reads';

export const ADJUDICATION_SETTINGS_KEY = 'adjudication';

export function adjudicationSettings(study: OpenStudy): AdjudicationSettings {
  return { ...DEFAULT_ADJUDICATION_SETTINGS, ...study.settings.get<Partial<AdjudicationSettings>>(ADJUDICATION_SETTINGS_KEY, {}) };
}

/** Both primary reads are locked: the series is ready for consensus. */
export function readyForConsensus(s: FullSeriesReads): boolean {
  return !!s.full.reader1?.locked && !!s.full.reader2?.locked;
}

export function readSlice(s: FullSeriesReads, slot: 'reader1' | 'reader2', i: number): ReadSlice {
  const r = s.full[slot];
  return r ? { label: r.labels[i]!, mask: r.masks[i] ?? null } : { label: 'unread', mask: null };
}

export function sourceHashes(s: FullSeriesReads, i: number): { reader1: string; reader2: string } {
  const unread = sliceReadHash('unread', null);
  return { reader1: s.full.reader1?.hashes[i] ?? unread, reader2: s.full.reader2?.hashes[i] ?? unread };
}

/** A consensus row's content from its mask: present exactly when the mask has a ROI. */
export function consensusContent(mask: EncodedMask | null): Pick<ConsensusRow, 'label' | 'mask' | 'maskPixels' | 'contentHash'> {
  const roi = roiOrNull(mask);
  const label = roi ? 'present' : 'absent';
  return {
    label,
    mask: roi ? maskToCanonicalBytes(roi) : null,
    maskPixels: maskPixelCount(roi),
    contentHash: sliceReadHash(label, roi),
  };
}

export function decisionOf(study: OpenStudy, row: ConsensusRow): ConsensusDecision {
  return {
    id: row.id,
    label: row.label,
    mask: row.mask ? maskFromCanonicalBytes(row.mask) : null,
    method: row.method,
    rule: row.rule,
    reason: row.reason,
    decidedBy: row.decidedBy === null ? null : (study.accounts.byId(row.decidedBy)?.displayName ?? `account ${row.decidedBy}`),
    decidedAt: row.decidedAt,
    current: row.isCurrent,
  };
}

/**
 * Brings the consensus of ready series up to date with their reads, in one transaction: a
 * concordant slice gets its automatic decision (both absent: absent; both present with Dice at or
 * above the threshold: the mask of the study's rule); an automatic decision whose reads or rule
 * changed is replaced; an automatic decision on a slice that is no longer concordant is withdrawn.
 * A coordinator's own decision is never replaced here: when its reads change it shows as 'stale'
 * in the queue. Returns the queue of discordant slices.
 */
export function syncConsensus(study: OpenStudy): { items: QueueItem[]; seriesReady: number; seriesWaiting: number } {
  const settings = adjudicationSettings(study);
  const all = loadSeriesReads(study).filter((s) => s.full.reader1 && s.full.reader2);
  const items: QueueItem[] = [];
  let seriesReady = 0;
  const now = new Date().toISOString();
  study.tx(() => {
    for (const s of all) {
      if (!readyForConsensus(s)) continue;
      seriesReady++;
      const current = new Map(study.consensus.current(s.seriesId).map((c) => [c.sliceIndex, c]));
      for (let i = 0; i < s.sliceCount; i++) {
        const a = readSlice(s, 'reader1', i);
        const b = readSlice(s, 'reader2', i);
        const agreement = classifySlice(a, b, settings.diceThreshold);
        const sources = sourceHashes(s, i);
        const existing = current.get(i);
        const sameSources = existing && existing.sourceHashes.reader1 === sources.reader1 && existing.sourceHashes.reader2 === sources.reader2;
        if (agreement.kind === 'concordant_absent' || agreement.kind === 'concordant_present') {
          if (existing && existing.method !== 'auto') {
            if (!sameSources) items.push(item(s, i, 'stale', agreement.kind === 'concordant_present' ? agreement.dice : null, existing));
            continue;
          }
          const mask = agreement.kind === 'concordant_absent' ? null : autoConsensus(settings.autoRule, settings.primarySlot, a, b, s.width, s.height);
          const content = consensusContent(mask);
          const rule = agreement.kind === 'concordant_absent' ? 'both_absent' : settings.autoRule === 'primary' ? `primary:${settings.primarySlot}` : settings.autoRule;
          if (existing && sameSources && existing.contentHash === content.contentHash && existing.rule === rule) continue;
          const id = study.consensus.decide({
            seriesId: s.seriesId, instanceId: s.images[i]!.instanceId, ...content, method: 'auto', rule, diceThreshold: settings.diceThreshold,
            reason: null, sourceHashes: sources, decidedBy: null, decidedAt: now,
          });
          study.audit.append({ actorId: null, action: 'consensus.auto', entity: 'consensus', entityId: String(id), beforeHash: existing?.contentHash ?? null, afterHash: content.contentHash, details: { seriesId: s.seriesId, image: s.images[i]!.image, sliceIndex: i, rule } }, now);
        } else if (agreement.kind === 'discordant_label' || agreement.kind === 'discordant_mask') {
          const dice = agreement.kind === 'discordant_mask' ? agreement.dice : null;
          if (existing?.method === 'auto') {
            study.consensus.withdraw(existing.instanceId);
            study.audit.append({ actorId: null, action: 'consensus.withdraw_auto', entity: 'consensus', entityId: String(existing.id), beforeHash: existing.contentHash, afterHash: null, details: { seriesId: s.seriesId, image: s.images[i]!.image, sliceIndex: i } }, now);
            items.push(item(s, i, agreement.kind, dice, null));
          } else if (existing && !sameSources) items.push(item(s, i, 'stale', dice, existing));
          else items.push(item(s, i, agreement.kind, dice, existing ?? null));
        }
      }
    }
  });
  return { items, seriesReady, seriesWaiting: all.length - seriesReady };
}

function item(s: FullSeriesReads, i: number, reason: QueueItem['reason'], dice: number | null, decision: ConsensusRow | null): QueueItem {
  return {
    seriesId: s.seriesId,
    patient: s.patient,
    segment: s.segment,
    sliceIndex: i,
    image: s.images[i]!.image,
    reason,
    dice,
    resolved: !!decision && reason !== 'stale',
    method: decision?.method ?? null,
  };
}

export type { ConsensusMethod };
