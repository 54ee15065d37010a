// Leakscope drives the system Chromium (CHROME_PATH or /usr/lib/chromium); never download a browser.
module.exports = { skipDownload: true };
