// Message types between the contexts. Every listener also checks the sender is this
// extension (see isOwnExtension), since messages are the extension's only trust boundary.
import { ext } from "./browser-api.js";

export const MSG = Object.freeze({
  // content -> background: analyse these paragraphs, one chunk of a run (the background
  // owns the backend).
  ANALYZE: "sourcemark:analyze",
  // content -> background: this page is not an article, or waits for a click.
  PAGE_STATE: "sourcemark:page-state",
  // content -> background: is Sourcemark paused on this page (site or tab)?
  CHECK_PAUSE: "sourcemark:check-pause",
  // popup -> background: the state of a tab; the backend's health; analyse a tab now;
  // pause or resume a site or tab; go to a paragraph.
  GET_TAB_STATE: "sourcemark:get-tab-state",
  HEALTH: "sourcemark:health",
  ANALYZE_TAB: "sourcemark:analyze-tab",
  SET_PAUSE: "sourcemark:set-pause",
  // background -> content: run the analysis now (the popup's button); pause or resume;
  // move to the next/previous marked paragraph (the keyboard command); go to a paragraph
  // (the popup's list of sources). GO_TO also goes popup -> background with a tab id.
  RUN: "sourcemark:run",
  PAUSE_CHANGED: "sourcemark:pause-changed",
  NAVIGATE: "sourcemark:navigate",
  GO_TO: "sourcemark:go-to",
});

/** True when a runtime message comes from this extension's own pages or content scripts. */
export function isOwnExtension(sender) {
  return Boolean(sender) && sender.id === ext.runtime.id;
}

/** True when the sender is one of the extension's own pages (popup, options), not a tab. */
export function isExtensionPage(sender) {
  return (
    isOwnExtension(sender) &&
    typeof sender.url === "string" &&
    sender.url.startsWith(ext.runtime.getURL(""))
  );
}
