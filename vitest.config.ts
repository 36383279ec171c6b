import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Two cores: files run in parallel, at most two at once; browser tests share one Chromium each.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Fixtures hash passwords with scrypt N=2^10 instead of the app's 2^17 (128 MiB and ~0.3 s
    // each); hashes name their parameters, and test/node/core/sign-in-limits.test.ts checks the
    // production ones. Child processes (the host, bme) inherit it.
    env: { BME_TEST_SCRYPT_N: '1024' },
    // A temporary folder of study audit keys per test file (never the user's profile).
    setupFiles: ['test/support/key-dir-per-file.ts'],
  },
});
