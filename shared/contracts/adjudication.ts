import { z } from 'zod';
import { AdjudicationQueue, AdjudicationSettings, ConsensusDecision, DiscordanceReason, ResolveMethod, SliceCase } from '../model/adjudication';
import { AgreementReport } from '../model/agreement';
import { ImageRef, SpinalSegment } from '../model/imaging';
import { EncodedMask } from '../model/reading';
import { method } from './define';

const coordinator = ['coordinator', 'admin'] as const;

export const agreementSpec = {
  report: method({
    summary: 'Inter-reader agreement of the study (kappa with CI, PABAK, confusion matrices, Fleiss, Dice/IoU): coordinators only.',
    access: coordinator,
    params: z.object({}).strict(),
    result: AgreementReport,
  }),
};

export const adjudicationSpec = {
  settings: method({
    summary: "The study's adjudication settings (Dice threshold, automatic consensus rule, segment rule).",
    access: coordinator,
    params: z.object({}).strict(),
    result: AdjudicationSettings,
  }),
  setSettings: method({
    summary: 'Change the adjudication settings; automatic consensus is recomputed.',
    access: coordinator,
    params: AdjudicationSettings.strict(),
    result: AdjudicationSettings,
  }),
  queue: method({
    summary: 'Discordant slices of series whose two primary reads are locked, ordered by patient and series.',
    access: coordinator,
    params: z.object({ segment: SpinalSegment.optional(), reason: DiscordanceReason.optional(), includeResolved: z.boolean().optional() }).strict(),
    result: AdjudicationQueue,
  }),
  slice: method({
    summary: 'Both reads of one slice, their overlap, and its consensus with history.',
    access: coordinator,
    params: z.object({ seriesId: z.number().int().positive(), image: ImageRef }).strict(),
    result: SliceCase,
  }),
  resolve: method({
    summary: 'Decide the consensus of a slice: accept reader 1 or 2, union, intersection, absent, or an edited mask.',
    access: coordinator,
    params: z
      .object({
        seriesId: z.number().int().positive(),
        /** The image decided (its SOP Instance UID and frame). */
        image: ImageRef,
        method: ResolveMethod,
        /** Required for 'edited': the coordinator's mask. */
        mask: EncodedMask.optional(),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    result: ConsensusDecision,
  }),
};
