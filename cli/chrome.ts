import { existsSync } from 'node:fs';

/**
 * The Chromium binary to drive: CHROME_PATH if set, else the usual install locations. On Debian the real
 * binary is /usr/lib/chromium/chromium (the /usr/bin wrapper adds flags of its own).
 */
export function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const candidates = [
    '/usr/lib/chromium/chromium',
    '/usr/lib/chromium-browser/chromium-browser',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found. Install one (Debian: apt-get install chromium) or set CHROME_PATH.',
    );
  }
  return found;
}

/**
 * Switches every Leakscope-driven Chromium needs: a throw-away profile, no first-run UI, and no background
 * networking (this machine's closed network would otherwise flood it with refused connections).
 */
export function baseChromeArgs(userDataDir: string): string[] {
  return [
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--password-store=basic',
    '--use-mock-keychain',
    '--remote-debugging-port=0',
    // Root (CI, containers) cannot use Chromium's sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox', '--test-type'] : []),
  ];
}
