// One name for the WebExtension API in both browsers: Firefox's promise-based `browser`,
// else Chromium's `chrome` (promise-based too in Manifest V3).
export const ext = globalThis.browser ?? globalThis.chrome;
