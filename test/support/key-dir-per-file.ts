import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test file gets its own folder of study audit keys (studyKeyDir): copies of one fixture
// study share its study id, and a key or anchor left by another file must not decide this one.
process.env.BME_KEY_DIR = mkdtempSync(join(tmpdir(), 'bme-keys-'));
