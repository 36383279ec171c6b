import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../shared/contracts/wire';

describe('the WebSocket message format', () => {
  it('sends plain messages as JSON text', () => {
    const msg = { t: 'call', id: 1, method: 'app.info', params: {} };
    const enc = encodeMessage(msg);
    expect(typeof enc).toBe('string');
    expect(decodeMessage(enc)).toEqual(msg);
  });

  it('carries typed arrays as binary attachments, exactly', () => {
    const pixels = new Int16Array([-32768, -1, 0, 1, 4095, 32767]);
    const mask = new Uint8Array([0, 1, 1, 0, 1]);
    const floats = new Float32Array([0.5, -2.25, 1e-7]);
    const msg = { t: 'result', id: 3, ok: true, result: { pixels, nested: [{ mask }], floats, name: 'x' } };
    const enc = encodeMessage(msg);
    expect(enc).toBeInstanceOf(Uint8Array);
    const dec = decodeMessage(enc) as typeof msg;
    expect(dec.result.pixels).toBeInstanceOf(Int16Array);
    expect([...dec.result.pixels]).toEqual([...pixels]);
    expect([...dec.result.nested[0]!.mask]).toEqual([...mask]);
    expect([...dec.result.floats]).toEqual([...floats]);
    expect(dec.result.name).toBe('x');
  });

  it('rejects frames that are not its own', () => {
    expect(() => decodeMessage(new Uint8Array([1, 2, 3]))).toThrow(/shorter/);
    expect(() => decodeMessage(new Uint8Array(16))).toThrow(/BMEW/);
  });
});
