/**
 * An absolute path (POSIX, home-relative, Windows drive or UNC) at the start of a word, with the
 * space-separated pieces after it that still contain a separator ('/Users/x/My Studies/a.dcm').
 */
const ABSOLUTE_PATH = /(?<=^|[\s'"(=<[{])(?:[A-Za-z]:[\\/]|\\\\|~?\/)[^\s'"`<>|]*(?: [^\s'"`<>|\\/]*[\\/][^\s'"`<>|]*)*/g;

/** Digits and dots in four parts or more: the shape of a DICOM UID. */
const UID = /\b[0-2](?:\.(?:0|[1-9]\d*)){3,}\b/g;

/**
 * Takes identifying text out of log lines before they leave the machine in a support file:
 *  - absolute file paths, whose folder and file names are often a patient's name or ID: only the
 *    extension stays ('<path>.dcm'), which is what support needs to know;
 *  - anything shaped like a DICOM UID, which error messages quote for series and instances;
 *  - every `secret` (the names, IDs, UIDs and accounts of the studies at hand, see
 *    study-facts.ts), wherever it appears. Secrets shorter than 3 characters are left alone: they
 *    would shred ordinary words, and a 2-letter name part says little without the rest.
 * A message keeps its other words, so the problem stays readable.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(ABSOLUTE_PATH, (path) => {
    const trailing = /[.,:;!?)\]]*$/.exec(path)![0];
    const name = path.slice(0, path.length - trailing.length).split(/[\\/]/).pop() ?? '';
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot).replace(/[^.\w-]/g, '') : '';
    return `<path>${ext}${trailing}`;
  });
  out = out.replace(UID, '<uid>');
  // In any letter case; longest first, so that 'DOE^JANE' is taken whole before 'DOE' splits it.
  const words = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  if (words.length > 0) out = out.replace(new RegExp(words.map(escapeRegExp).join('|'), 'gi'), '<redacted>');
  return out;
}

/** A DICOM person name as secrets: the whole ('DOE^JANE^M'), spaced ('DOE JANE M') and each part. */
export function personNameSecrets(name: string | null | undefined): string[] {
  if (!name) return [];
  const parts = name.split(/[\^=]/).flatMap((p) => p.split(/\s+/)).map((p) => p.trim()).filter(Boolean);
  return [name, name.replace(/\^/g, ' ').trim(), ...parts];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
