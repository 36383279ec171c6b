import { describe, expect, it } from 'vitest';
import { LANDIS_KOCH_BANDS, landisKochStrength } from '../../../shared/metrics';

describe('Landis-Koch strength of agreement', () => {
  it.each([
    [-0.3, 'poor'],
    [-0.0001, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.205, 'fair'],
    [0.21, 'fair'],
    [0.4, 'fair'],
    [0.41, 'moderate'],
    [0.6, 'moderate'],
    [0.61, 'substantial'],
    [0.8, 'substantial'],
    [0.81, 'almost perfect'],
    [0.85, 'almost perfect'], // the paper's inter-reader kappa
    [1, 'almost perfect'],
  ] as const)('%f is %s', (kappa, strength) => {
    expect(landisKochStrength(kappa)).toBe(strength);
  });

  it('prints the ranges the paper quotes', () => {
    const printed = Object.fromEntries(LANDIS_KOCH_BANDS.map((b) => [b.strength, b.printedRange]));
    expect(printed).toMatchObject({
      moderate: '0.41-0.60',
      substantial: '0.61-0.80',
      'almost perfect': '0.81-1.00',
    });
  });

  it('refuses NaN', () => {
    expect(() => landisKochStrength(Number.NaN)).toThrow(/NaN/);
  });
});
