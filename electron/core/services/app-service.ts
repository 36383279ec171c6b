import type { appSpec } from '../../../shared/contracts/app';
import type { ImplOf } from '../../../shared/contracts/define';
import { appVersion } from '../app-version';
import type { CoreConfig } from '../core-config';
import type { CallContext } from '../router';

export function createAppService(config: CoreConfig): ImplOf<typeof appSpec, CallContext> {
  return {
    info: () => ({ version: appVersion, host: config.hostKind, studiesDir: config.studiesDir, platform: process.platform }),
  };
}
