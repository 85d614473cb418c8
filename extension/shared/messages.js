// Message types between the contexts. Every listener also checks the sender is this
// extension (see isOwnExtension), since messages are the extension's only trust boundary.
import { ext } from "./browser-api.js";

export const MSG = Object.freeze({
  // content -> background: analyse these paragraphs (the background owns the backend).
  ANALYZE: "sourcemark:analyze",
  // content -> background: this page is not an article / progress of the page's run.
  PAGE_STATE: "sourcemark:page-state",
  // popup -> background: the state of a tab; the backend's health; analyse a tab now.
  GET_TAB_STATE: "sourcemark:get-tab-state",
  HEALTH: "sourcemark:health",
  ANALYZE_TAB: "sourcemark:analyze-tab",
  // background -> content: run the analysis now (the popup's button).
  RUN: "sourcemark:run",
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
