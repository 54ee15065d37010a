/** The command line finds Chromium the same way the dev scripts do (CHROME_PATH, else the usual places). */
export { baseChromeArgs, findChrome } from '../../scripts/find-chrome.ts';
