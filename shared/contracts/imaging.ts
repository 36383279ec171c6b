import { z } from 'zod';
import { ImportReport, SeriesDetail, SeriesSummary, SlicePixels, SpinalSegment } from '../model/imaging';
import { method } from './define';

const SeriesId = z.number().int().positive();

export const imagingSpec = {
  importStart: method({
    summary: 'Import DICOM files or folders (recursive) into the study; progress comes as import.progress events.',
    access: ['coordinator', 'admin'],
    params: z.object({ paths: z.array(z.string().trim().min(1).max(4096)).min(1, 'give at least one file or folder').max(1000) }).strict(),
    result: z.object({ runId: z.number().int() }),
  }),
  importCancel: method({
    summary: 'Cancel a running import; what it imported so far stays.',
    access: ['coordinator', 'admin'],
    params: z.object({ runId: z.number().int().positive() }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  }),
  importReport: method({
    summary: 'The report of an import (final once its status is no longer running).',
    access: ['coordinator', 'admin'],
    params: z.object({ runId: z.number().int().positive() }).strict(),
    result: ImportReport,
  }),
  seriesList: method({
    summary: 'The series this person may see (coordinators: all), with patient pseudonyms.',
    access: 'signedIn',
    params: z.object({}).strict(),
    result: z.array(SeriesSummary),
  }),
  setSegment: method({
    summary: 'Set the spinal segment of a series (cervical, thoracic, lumbar), or clear it.',
    access: ['coordinator', 'admin'],
    params: z.object({ seriesId: SeriesId, segment: SpinalSegment.nullable() }).strict(),
    result: SeriesSummary,
  }),
};

export const viewerSpec = {
  series: method({
    summary: 'A series as the viewer needs it: geometry and the sorted slice list.',
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId }).strict(),
    result: SeriesDetail,
  }),
  slices: method({
    summary: 'Decoded stored pixel values of consecutive slices (for display and prefetch).',
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId, from: z.number().int().min(0), count: z.number().int().min(1).max(64) }).strict(),
    result: z.array(SlicePixels),
  }),
};
