// One Content Security Policy: the headers of both hosts and the <meta> tag that the build writes
// into index.html come from electron/core/security/content-security-policy.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../electron/core/security/content-security-policy';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { ROOT } from '../../support/host-process';

describe('the Content Security Policy', () => {
  it('is strict: nothing by default, own scripts and wasm only, no eval, no plugins, no framing', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });

  it('Electron serves the same policy as the Node host', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(contentSecurityPolicy());
  });

  it("the built index.html carries it in its <meta> tag, less frame-ancestors (which browsers ignore there)", () => {
    const html = readFileSync(join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy());
    expect(meta).toBe(contentSecurityPolicy().replace("; frame-ancestors 'none'", ''));
    expect(readFileSync(join(ROOT, 'renderer/index.html'), 'utf8')).toContain('%BME_CONTENT_SECURITY_POLICY%');
  });
});
