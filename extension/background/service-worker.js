// The background owns every call to the backend: pages on public sites cannot reach loopback,
// and one place keeps the cache, the per-tab state and the toolbar badge. All state lives in
// storage.session, so a restarted service worker loses nothing.
import { mergeAnalyses } from "../shared/analysis.js";
import { ext } from "../shared/browser-api.js";
import { looksLikeAnalysis } from "../shared/contract.js";
import { isExtensionPage, isOwnExtension, MSG } from "../shared/messages.js";
import { loadSettings, loadToken, saveSettings, siteOf } from "../shared/settings.js";

const ANALYZE_TIMEOUT_MS = 120_000;
const HEALTH_TIMEOUT_MS = 4_000;
const CACHE_LIMIT = 40; // analyses kept in storage.session (10 MB there in all)
const CACHE_INDEX = "analysis-index";
const MAX_PARAGRAPHS = 500;
// Failures that may pass: the content script tries again later, with backoff.
const RETRYABLE = new Set(["backend_unreachable", "backend_timeout", "backend_busy"]);

const BADGE = {
  error: { text: "!", color: "#dc2626" },
  analysing: { text: "…", color: "#475569" },
  paused: { text: "II", color: "#64748b" },
};

class BackendError extends Error {
  constructor(code, message, { retryAfter, status } = {}) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
    this.status = status;
  }
}

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function callBackend(backendUrl, path, init, timeoutMs) {
  let response;
  const token = await loadToken();
  const headers = { ...init.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  try {
    response = await fetch(`${backendUrl}${path}`, {
      ...init,
      headers,
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
    if (response.ok) {
      throw new BackendError("bad_response", `The backend at ${backendUrl} sent something that is not JSON.`);
    }
  }
  if (!response.ok) {
    const message = typeof body?.error?.message === "string" ? body.error.message : `HTTP ${response.status}`;
    if (response.status === 503) {
      // Busy: it says when to come back.
      const after = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
      throw new BackendError("backend_busy", message, {
        retryAfter: Number.isFinite(after) ? after : undefined,
        status: 503,
      });
    }
    throw new BackendError(String(body?.error?.code ?? "backend_error"), message, { status: response.status });
  }
  return body;
}

function failureOf(error) {
  const failure = { code: error.code ?? "internal_error", message: error.message ?? String(error) };
  if (RETRYABLE.has(failure.code)) failure.retryable = true;
  if (error.retryAfter !== undefined) failure.retryAfter = error.retryAfter;
  if (error.status !== undefined) failure.status = error.status;
  return failure;
}

// The shared token lives in storage.local; where the browser can (Chromium), only the
// extension's own pages and this worker may read that area, not content scripts.
ext.storage.local.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" })?.catch(() => {});

// ---- per-tab state and badge --------------------------------------------------------------

const tabKey = (tabId) => `tab:${tabId}`;

async function setTabState(tabId, state) {
  const full = { ...state, updatedAt: Date.now() };
  await ext.storage.session.set({ [tabKey(tabId)]: full });
  const badge = badgeOf(state);
  const title =
    state.status === "error"
      ? `Sourcemark: ${state.error?.message ?? "failed"}`
      : state.status === "done"
        ? `Sourcemark: ${state.paragraphs} paragraphs, ${state.sources} sources`
        : state.status === "analysing"
          ? `Sourcemark: analysing, ${state.done ?? 0} of ${state.total ?? "?"} paragraphs done`
          : state.status === "paused"
            ? "Sourcemark: paused"
            : "Sourcemark";
  await Promise.all([
    ext.action.setBadgeText({ tabId, text: badge.text }),
    ext.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
    ext.action.setTitle({ tabId, title }),
  ]).catch(() => {}); // the tab may be gone
}

function badgeOf(state) {
  if (state.status === "analysing" && state.total > 0 && state.done > 0) {
    // Progress through a long article, chunk by chunk.
    return { text: `${Math.floor((100 * state.done) / state.total)}%`, color: BADGE.analysing.color };
  }
  return (
    BADGE[state.status] ?? { text: state.status === "done" && state.sources ? String(state.sources) : "", color: "#334155" }
  );
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

/**
 * Analyses one chunk of a page's run. A run is one page's article, sent in chunks within the
 * backend's limits, and added to when the page grows; the tab's state counts the paragraphs
 * done against the run's total and keeps each chunk's cache key, so the popup sees the whole.
 */
async function analyze(message, tabId) {
  if (!validParagraphs(message.paragraphs)) {
    return { ok: false, error: { code: "bad_request", message: "No paragraphs to analyse." } };
  }
  const { backendUrl } = await loadSettings();
  const url = typeof message.url === "string" ? message.url : "";
  const runId = typeof message.run?.id === "string" ? message.run.id : "";
  const paragraphs = message.paragraphs.map(({ id, text }) => ({ id, text }));
  const hash = await sha256(JSON.stringify([backendUrl, paragraphs]));
  const cacheKey = `analysis:${url}#${hash}`;
  const before = await getTabState(tabId);
  const sameRun = Boolean(runId) && before.run === runId;
  const progress = {
    url,
    run: runId,
    total: Math.max(Number(message.run?.total) || 0, paragraphs.length),
    done: sameRun ? (before.done ?? 0) : 0,
    cacheKeys: sameRun ? (before.cacheKeys ?? []) : [],
  };
  await setTabState(tabId, { ...progress, status: "analysing" });
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
    const cacheKeys = [...progress.cacheKeys.filter((key) => key !== cacheKey), cacheKey];
    const done = progress.done + paragraphs.length;
    const merged = mergeAnalyses(await cachedAll(cacheKeys));
    await setTabState(tabId, {
      ...progress,
      status: done >= progress.total ? "done" : "analysing",
      done,
      cacheKeys,
      paragraphs: new Set(merged.paragraphs.map((p) => p.id.split(".")[0])).size,
      sources: merged.sources.length,
    });
    return { ok: true, analysis };
  } catch (error) {
    const failure = failureOf(error);
    await setTabState(tabId, { ...progress, status: "error", backendUrl, error: failure });
    return { ok: false, error: failure };
  }
}

async function cachedAll(keys) {
  const stored = await ext.storage.session.get(keys);
  return keys.map((key) => stored[key]).filter(Boolean);
}

async function health() {
  const { backendUrl } = await loadSettings();
  try {
    const body = await callBackend(backendUrl, "/v1/health", {}, HEALTH_TIMEOUT_MS);
    return { ok: true, backendUrl, health: body };
  } catch (error) {
    return { ok: false, backendUrl, error: failureOf(error) };
  }
}

/** The tab's state, its whole analysis (its chunks merged) and whether it is paused. */
async function tabReport(tabId) {
  const state = await getTabState(tabId);
  const parts = state.cacheKeys?.length ? await cachedAll(state.cacheKeys) : [];
  const analysis = parts.length ? mergeAnalyses(parts) : null;
  return { state, analysis, pause: await pauseOf(tabId, state.url) };
}

// ---- pausing, per site (remembered in storage.sync) and per tab (for the tab's life) ----------

const pauseKey = (tabId) => `paused:${tabId}`;

async function pauseOf(tabId, url) {
  const site = siteOf(url ?? "");
  const { pausedSites } = await loadSettings();
  const stored = await ext.storage.session.get(pauseKey(tabId));
  return { site, sitePaused: pausedSites.includes(site), tabPaused: Boolean(stored[pauseKey(tabId)]) };
}

async function checkPause(message, tabId) {
  const pause = await pauseOf(tabId, message.url);
  const paused = pause.tabPaused ? "tab" : pause.sitePaused ? "site" : null;
  if (paused) await setTabState(tabId, { status: "paused", url: message.url, scope: paused });
  return { paused };
}

async function setPause(message) {
  const tabId = Number(message.tabId);
  const state = await getTabState(tabId);
  const site = siteOf(state.url ?? "");
  if (message.scope === "site" && site) {
    const settings = await loadSettings();
    const others = settings.pausedSites.filter((s) => s !== site);
    await saveSettings({ ...settings, pausedSites: message.paused ? [...others, site] : others });
  } else if (message.scope === "tab") {
    if (message.paused) await ext.storage.session.set({ [pauseKey(tabId)]: true });
    else await ext.storage.session.remove(pauseKey(tabId));
  } else {
    return { ok: false };
  }
  const pause = await pauseOf(tabId, state.url);
  const paused = pause.tabPaused || pause.sitePaused;
  if (!paused && state.status === "paused") await setTabState(tabId, { status: "idle", url: state.url });
  await ext.tabs.sendMessage(tabId, { type: MSG.PAUSE_CHANGED, paused }).catch(() => {});
  return { ok: true, pause };
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

async function goTo(message) {
  const tabId = Number(message.tabId);
  return ext.tabs
    .sendMessage(tabId, { type: MSG.GO_TO, paragraph: String(message.paragraph) })
    .catch(() => ({ ok: false }));
}

const handlers = {
  [MSG.ANALYZE]: { fromTab: true, run: (message, sender) => analyze(message, sender.tab.id) },
  [MSG.PAGE_STATE]: {
    fromTab: true,
    run: async (message, sender) => {
      if (["not-article", "idle"].includes(message.status)) {
        const url = typeof message.url === "string" ? message.url : "";
        await setTabState(sender.tab.id, { status: message.status, url });
      }
      return { ok: true };
    },
  },
  [MSG.CHECK_PAUSE]: { fromTab: true, run: (message, sender) => checkPause(message, sender.tab.id) },
  [MSG.GET_TAB_STATE]: { fromTab: false, run: (message) => tabReport(Number(message.tabId)) },
  [MSG.HEALTH]: { fromTab: false, run: () => health() },
  [MSG.ANALYZE_TAB]: { fromTab: false, run: (message) => analyzeTab(Number(message.tabId)) },
  [MSG.SET_PAUSE]: { fromTab: false, run: (message) => setPause(message) },
  [MSG.GO_TO]: { fromTab: false, run: (message) => goTo(message) },
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
  ext.storage.session.remove([tabKey(tabId), pauseKey(tabId)]);
});

// The keyboard commands (manifest "commands", which the reader can rebind) move between the
// marked paragraphs of the active tab.
const STEPS = { "next-marked-paragraph": 1, "previous-marked-paragraph": -1 };
ext.commands?.onCommand.addListener(async (command, tab) => {
  const step = STEPS[command];
  if (!step) return;
  const tabId = tab?.id ?? (await ext.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId !== undefined) ext.tabs.sendMessage(tabId, { type: MSG.NAVIGATE, step }).catch(() => {});
});

// Once, after install: the welcome page explains the marks.
ext.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") ext.tabs.create({ url: ext.runtime.getURL("welcome/welcome.html") });
});

ext.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading") setTabState(tabId, { status: "idle" });
});
