// User settings, kept in storage.sync so they follow the browser profile.
import { ext } from "./browser-api.js";

export const DEFAULT_BACKEND_URL = "http://127.0.0.1:8765";
export const START_COMMAND = "make run";

export const HIGHLIGHT_KINDS = Object.freeze(["sources", "cues", "quotes", "tone"]);

export const DEFAULT_SETTINGS = Object.freeze({
  backendUrl: DEFAULT_BACKEND_URL,
  autoAnalyze: true,
  highlights: Object.freeze({ sources: true, cues: true, quotes: true, tone: false }),
  pausedSites: Object.freeze([]),
});

// The backend's shared token is a secret: kept in storage.local, never synced, and read only
// by the background (the content script never loads it).
const TOKEN_KEY = "backendToken";
const TOKEN_PATTERN = /^[\x21-\x7e]{0,4096}$/;

/** Settings merged over the defaults, so new keys get sensible values. */
export async function loadSettings() {
  const stored = await ext.storage.sync.get(Object.keys(DEFAULT_SETTINGS));
  return normalizeSettings(stored);
}

export function normalizeSettings(stored) {
  const highlights = { ...DEFAULT_SETTINGS.highlights };
  for (const kind of HIGHLIGHT_KINDS) {
    if (typeof stored?.highlights?.[kind] === "boolean") highlights[kind] = stored.highlights[kind];
  }
  const url = validateBackendUrl(stored?.backendUrl ?? "");
  const sites = Array.isArray(stored?.pausedSites) ? stored.pausedSites : [];
  return {
    backendUrl: url.ok ? url.url : DEFAULT_BACKEND_URL,
    autoAnalyze: typeof stored?.autoAnalyze === "boolean" ? stored.autoAnalyze : true,
    highlights,
    pausedSites: [...new Set(sites.filter((site) => typeof site === "string" && site))],
  };
}

/** A token is printable ASCII without spaces (it goes into an HTTP header as it is). */
export function validateToken(raw) {
  const token = String(raw ?? "").trim();
  return TOKEN_PATTERN.test(token)
    ? { ok: true, token }
    : { ok: false, error: "The token may hold only printable characters without spaces." };
}

export async function loadToken() {
  const stored = await ext.storage.local.get(TOKEN_KEY);
  const checked = validateToken(stored[TOKEN_KEY]);
  return checked.ok ? checked.token : "";
}

export async function saveToken(token) {
  if (token) await ext.storage.local.set({ [TOKEN_KEY]: token });
  else await ext.storage.local.remove(TOKEN_KEY);
}

/** The site a page belongs to, as pausing remembers it: its host name. */
export function siteOf(url) {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.hostname : "";
  } catch {
    return "";
  }
}

export async function saveSettings(settings) {
  await ext.storage.sync.set(normalizeSettings(settings));
}

/**
 * Checks a backend URL: http(s) only, no credentials, query or fragment.
 * Returns {ok: true, url} with the URL normalised (no trailing slash), or {ok: false, error}.
 */
export function validateBackendUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    return { ok: false, error: "Enter a full URL, such as http://127.0.0.1:8765" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "The backend URL must start with http:// or https://" };
  }
  if (url.username || url.password) {
    return { ok: false, error: "The backend URL must not contain a user name or password" };
  }
  if (url.search || url.hash) {
    return { ok: false, error: "The backend URL must not have a query or fragment" };
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, url: `${url.origin}${path}` };
}

/** Loopback backends are covered by the manifest's host permissions; others must be granted. */
export function isLoopback(url) {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost";
}

/** The host-permission pattern that lets the background reach a backend URL. */
export function originPattern(url) {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
