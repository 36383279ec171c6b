// Whether `npm run dist` will sign and notarize, from the environment, said before packaging
// starts. electron-builder reads the same variables itself: a release machine with certificates
// signs; any other machine builds an unsigned installer with a warning, unless BME_RELEASE=1,
// which makes missing credentials an error (a release must be signed).

const has = (env, ...names) => names.every((n) => !!env[n]);
const some = (env, ...names) => names.some((n) => !!env[n]);

/**
 * The plan for building on `os` ('mac' | 'win' | 'linux', electron-builder's names):
 * { sign, notarize, problems: string[], lines: string[] }. `problems` stop the build.
 */
export function signingPlan(os, env = process.env) {
  const lines = [];
  const problems = [];
  let sign = false;
  let notarize = false;
  const release = env.BME_RELEASE === '1';
  if (os === 'mac') {
    const fromFile = has(env, 'CSC_LINK');
    const byName = has(env, 'CSC_NAME');
    const discovery = env.CSC_IDENTITY_AUTO_DISCOVERY !== 'false';
    sign = fromFile || byName || discovery;
    if (fromFile) lines.push('macOS: signing with the certificate in CSC_LINK (password in CSC_KEY_PASSWORD).');
    else if (byName) lines.push(`macOS: signing with the keychain identity "${env.CSC_NAME}".`);
    else if (discovery) lines.push('macOS: signing with a "Developer ID Application" identity from the keychain if there is one; otherwise electron-builder skips signing with a warning.');
    else lines.push('macOS: not signing (CSC_IDENTITY_AUTO_DISCOVERY=false and no CSC_LINK or CSC_NAME).');
    const appleId = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
    const apiKey = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];
    if (has(env, ...appleId)) notarize = true;
    else if (has(env, ...apiKey)) notarize = true;
    else if (has(env, 'APPLE_KEYCHAIN_PROFILE')) notarize = true;
    if (!notarize && some(env, ...appleId)) problems.push(`notarization: set all of ${appleId.join(', ')} (some are missing).`);
    if (!notarize && some(env, ...apiKey)) problems.push(`notarization: set all of ${apiKey.join(', ')} (some are missing).`);
    lines.push(notarize ? 'macOS: notarizing with Apple (notarytool) after signing.' : 'macOS: not notarizing (no APPLE_ID/APPLE_API_KEY/APPLE_KEYCHAIN_PROFILE): Gatekeeper will warn on other Macs.');
    if (release && !(fromFile || byName)) problems.push('BME_RELEASE=1: a release must be signed: set CSC_LINK and CSC_KEY_PASSWORD (or CSC_NAME).');
    if (release && !notarize) problems.push('BME_RELEASE=1: a release must be notarized: set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID (or the APPLE_API_KEY trio).');
  } else if (os === 'win') {
    sign = some(env, 'WIN_CSC_LINK', 'CSC_LINK');
    lines.push(sign ? 'Windows: signing the installer and the app with the certificate in WIN_CSC_LINK or CSC_LINK (password in WIN_CSC_KEY_PASSWORD or CSC_KEY_PASSWORD).' : 'Windows: not signing (no WIN_CSC_LINK or CSC_LINK): SmartScreen will warn, and hospital policies may block an unsigned installer.');
    if (release && !sign) problems.push('BME_RELEASE=1: a release must be signed: set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD.');
  } else {
    lines.push('Linux: the .deb is not signed by electron-builder (sign the repository that serves it, if any).');
  }
  return { sign, notarize, problems, lines };
}
