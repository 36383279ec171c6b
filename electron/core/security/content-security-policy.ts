/**
 * The Content Security Policy of the renderer, from this one definition everywhere it is applied:
 * the header of Electron's app:// protocol, the Node host's HTTP header, and the <meta> tag that
 * scripts/build.mjs writes into dist/renderer/index.html (so a page opened any other way, or a
 * header lost on the way, still gets it). Only the app's own scripts and styles, no eval (wasm
 * compilation only), no remote anything; images from blobs and data URLs (canvas exports),
 * sockets only back to the host.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return directives(connectSrc).join('; ');
}

/**
 * The same policy for a <meta http-equiv> tag: browsers ignore `frame-ancestors` there (and warn
 * about it on the console), so the tag leaves it out; the headers carry it.
 */
export function metaContentSecurityPolicy(): string {
  return directives([])
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
}

function directives(connectSrc: string[]): string[] {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectSrc.length ? ' ' + connectSrc.join(' ') : ''}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ];
}
