// The background owns every call to the backend: pages on public sites cannot reach loopback,
// and one place keeps the cache, the per-tab state and the toolbar badge. All state lives in
// storage.session, so a restarted service worker loses nothing.
import { ext } from "../shared/browser-api.js";
import { looksLikeAnalysis } from "../shared/contract.js";
import { isExtensionPage, isOwnExtension, MSG } from "../shared/messages.js";
import { loadSettings } from "../shared/settings.js";

const ANALYZE_TIMEOUT_MS = 120_000;
const HEALTH_TIMEOUT_MS = 4_000;
const CACHE_LIMIT = 40; // analyses kept in storage.session (10 MB there in all)
const CACHE_INDEX = "analysis-index";
const MAX_PARAGRAPHS = 500;

const BADGE = {
  error: { text: "!", color: "#dc2626" },
  analysing: { text: "…", color: "#475569" },
};

class BackendError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function callBackend(backendUrl, path, init, timeoutMs) {
  let response;
  try {
    response = await fetch(`${backendUrl}${path}`, {
      ...init,
      credentials: "omit",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error?.name === "TimeoutError";
    throw new BackendError(
      timedOut ? "backend_timeout" : "backend_unreachable",
      timedOut ? `The backend at ${backendUrl} did not answer in time.` : `No backend answers at ${backendUrl}.`,
    );
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new BackendError("bad_response", `The backend at ${backendUrl} sent something that is not JSON.`);
  }
  if (!response.ok) {
    const message = typeof body?.error?.message === "string" ? body.error.message : `HTTP ${response.status}`;
    throw new BackendError(String(body?.error?.code ?? "backend_error"), message);
  }
  return body;
}

// ---- per-tab state and badge --------------------------------------------------------------

const tabKey = (tabId) => `tab:${tabId}`;

async function setTabState(tabId, state) {
  const full = { ...state, updatedAt: Date.now() };
  await ext.storage.session.set({ [tabKey(tabId)]: full });
  const badge = BADGE[state.status] ?? {
    text: state.status === "done" && state.sources ? String(state.sources) : "",
    color: "#334155",
  };
  const title =
    state.status === "error"
      ? `Sourcemark: ${state.error?.message ?? "failed"}`
      : state.status === "done"
        ? `Sourcemark: ${state.paragraphs} paragraphs, ${state.sources} sources`
        : "Sourcemark";
  await Promise.all([
    ext.action.setBadgeText({ tabId, text: badge.text }),
    ext.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
    ext.action.setTitle({ tabId, title }),
  ]).catch(() => {}); // the tab may be gone
}

async function getTabState(tabId) {
  const stored = await ext.storage.session.get(tabKey(tabId));
  return stored[tabKey(tabId)] ?? { status: "idle" };
}

// ---- the analysis cache ---------------------------------------------------------------------

async function cacheGet(key) {
  const stored = await ext.storage.session.get(key);
  return stored[key] ?? null;
}

async function cachePut(key, analysis) {
  const { [CACHE_INDEX]: index = [] } = await ext.storage.session.get(CACHE_INDEX);
  const keys = [...index.filter((k) => k !== key), key];
  const evicted = keys.splice(0, Math.max(0, keys.length - CACHE_LIMIT));
  if (evicted.length) await ext.storage.session.remove(evicted);
  try {
    await ext.storage.session.set({ [key]: analysis, [CACHE_INDEX]: keys });
  } catch {
    // Over storage.session's quota: make room by dropping every other analysis, once.
    await ext.storage.session.remove(keys.filter((k) => k !== key));
    await ext.storage.session.set({ [key]: analysis, [CACHE_INDEX]: [key] });
  }
}

// ---- handlers -------------------------------------------------------------------------------

function validParagraphs(paragraphs) {
  return (
    Array.isArray(paragraphs) &&
    paragraphs.length > 0 &&
    paragraphs.length <= MAX_PARAGRAPHS &&
    paragraphs.every((p) => typeof p?.id === "string" && typeof p?.text === "string")
  );
}

async function analyze(message, tabId) {
  if (!validParagraphs(message.paragraphs)) {
    return { ok: false, error: { code: "bad_request", message: "No paragraphs to analyse." } };
  }
  const { backendUrl } = await loadSettings();
  const url = typeof message.url === "string" ? message.url : "";
  const paragraphs = message.paragraphs.map(({ id, text }) => ({ id, text }));
  const hash = await sha256(JSON.stringify([backendUrl, paragraphs]));
  const cacheKey = `analysis:${url}#${hash}`;
  await setTabState(tabId, { status: "analysing", paragraphs: paragraphs.length, url });
  try {
    let analysis = await cacheGet(cacheKey);
    if (!analysis) {
      const title = typeof message.title === "string" ? message.title.slice(0, 2000) : undefined;
      analysis = await callBackend(
        backendUrl,
        "/v1/analyze",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ url: url.slice(0, 8192) || undefined, title, paragraphs }),
        },
        ANALYZE_TIMEOUT_MS,
      );
      if (!looksLikeAnalysis(analysis)) {
        throw new BackendError("bad_response", "The backend's answer does not follow the analysis contract.");
      }
      await cachePut(cacheKey, analysis);
    }
    await setTabState(tabId, {
      status: "done",
      url,
      cacheKey,
      paragraphs: analysis.paragraphs.length,
      sources: analysis.sources.length,
    });
    return { ok: true, analysis };
  } catch (error) {
    const failure = { code: error.code ?? "internal_error", message: error.message ?? String(error) };
    await setTabState(tabId, { status: "error", url, backendUrl, error: failure });
    return { ok: false, error: failure };
  }
}

async function health() {
  const { backendUrl } = await loadSettings();
  try {
    const body = await callBackend(backendUrl, "/v1/health", {}, HEALTH_TIMEOUT_MS);
    return { ok: true, backendUrl, health: body };
  } catch (error) {
    return { ok: false, backendUrl, error: { code: error.code, message: error.message } };
  }
}

async function tabReport(tabId) {
  const state = await getTabState(tabId);
  const analysis = state.status === "done" && state.cacheKey ? await cacheGet(state.cacheKey) : null;
  return { state, analysis };
}

async function analyzeTab(tabId) {
  try {
    return await ext.tabs.sendMessage(tabId, { type: MSG.RUN });
  } catch {
    // No content script answers: a browser page, a store page or a file the extension can't read.
    await setTabState(tabId, { status: "unsupported" });
    return { status: "unsupported" };
  }
}

const handlers = {
  [MSG.ANALYZE]: { fromTab: true, run: (message, sender) => analyze(message, sender.tab.id) },
  [MSG.PAGE_STATE]: {
    fromTab: true,
    run: async (message, sender) => {
      if (["not-article", "idle"].includes(message.status)) {
        await setTabState(sender.tab.id, { status: message.status });
      }
      return { ok: true };
    },
  },
  [MSG.GET_TAB_STATE]: { fromTab: false, run: (message) => tabReport(Number(message.tabId)) },
  [MSG.HEALTH]: { fromTab: false, run: () => health() },
  [MSG.ANALYZE_TAB]: { fromTab: false, run: (message) => analyzeTab(Number(message.tabId)) },
};

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler || !isOwnExtension(sender)) return false;
  const allowed = handler.fromTab ? Number.isInteger(sender.tab?.id) : isExtensionPage(sender);
  if (!allowed) return false;
  handler.run(message, sender).then(sendResponse, (error) =>
    sendResponse({ ok: false, error: { code: "internal_error", message: String(error) } }),
  );
  return true; // answers asynchronously
});

ext.tabs.onRemoved.addListener((tabId) => {
  ext.storage.session.remove(tabKey(tabId));
});

ext.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading") setTabState(tabId, { status: "idle" });
});
