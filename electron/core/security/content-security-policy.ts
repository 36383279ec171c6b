/**
 * The Content Security Policy of the renderer, the same in Electron (header of the app:// protocol)
 * and on the Node host (HTTP header): only the app's own scripts and styles, no eval, no remote
 * anything; images from blobs and data URLs (canvas exports), sockets only back to the host.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
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
  ].join('; ');
}
