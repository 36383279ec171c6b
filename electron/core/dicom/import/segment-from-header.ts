import type { SpinalSegment } from '../../../../shared/model/imaging';

const PATTERNS: [SpinalSegment, RegExp][] = [
  ['cervical', /\b(c[-_ ]?spine|cspine|cervical|c[-_ ]?ws|hws|cerv)\b/i],
  ['thoracic', /\b(t[-_ ]?spine|tspine|thoracic|th[-_ ]?spine|bws|dorsal|thor)\b/i],
  ['lumbar', /\b(l[-_ ]?spine|lspine|lumbar|lws|lumb)\b/i],
];

function match(text: string | null): SpinalSegment | null {
  if (!text) return null;
  const found = PATTERNS.filter(([, re]) => re.test(text)).map(([s]) => s);
  // 'C-T SPINE' or 'whole spine' name several: the user decides.
  return found.length === 1 ? found[0]! : null;
}

/**
 * The spinal segment a series shows, where its SeriesDescription or BodyPartExamined says so
 * unambiguously; null otherwise (the user picks it).
 */
export function segmentFromHeader(
  seriesDescription: string | null,
  bodyPartExamined: string | null,
): { segment: SpinalSegment; source: 'description' | 'body_part' } | null {
  const byDescription = match(seriesDescription);
  if (byDescription) return { segment: byDescription, source: 'description' };
  const byBodyPart = match(bodyPartExamined);
  return byBodyPart ? { segment: byBodyPart, source: 'body_part' } : null;
}
