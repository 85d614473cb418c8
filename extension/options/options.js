// The settings page: backend URL and token, when to analyse, which highlights to draw
// (storage.sync; the token in storage.local).
import { ext } from "../shared/browser-api.js";
import {
  DEFAULT_SETTINGS,
  HIGHLIGHT_KINDS,
  isLoopback,
  loadSettings,
  loadToken,
  originPattern,
  saveSettings,
  saveToken,
  validateBackendUrl,
  validateToken,
} from "../shared/settings.js";

const form = document.getElementById("settings");
const urlInput = document.getElementById("backend-url");
const urlError = document.getElementById("backend-url-error");
const saved = document.getElementById("saved");
const tokenInput = document.getElementById("backend-token");
const tokenError = document.getElementById("backend-token-error");

function fill(settings, token) {
  urlInput.value = settings.backendUrl;
  tokenInput.value = token;
  form.elements.autoAnalyze.value = settings.autoAnalyze ? "auto" : "click";
  for (const kind of HIGHLIGHT_KINDS) form.elements[kind].checked = settings.highlights[kind];
}

function showError(message, input = urlInput, output = urlError) {
  output.textContent = message ?? "";
  output.hidden = !message;
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

async function refill() {
  fill(await loadSettings(), await loadToken());
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  saved.textContent = "";
  const checked = validateBackendUrl(urlInput.value);
  if (!checked.ok) {
    showError(checked.error);
    urlInput.focus();
    return;
  }
  const token = validateToken(tokenInput.value);
  showError(token.ok ? null : token.error, tokenInput, tokenError);
  if (!token.ok) {
    tokenInput.focus();
    return;
  }
  // A backend off this machine needs the user's grant; ask while the click still counts.
  if (!isLoopback(checked.url)) {
    const granted = await ext.permissions.request({ origins: [originPattern(checked.url)] });
    if (!granted) {
      showError("Sourcemark needs permission to reach that backend.");
      return;
    }
  }
  showError(null);
  const highlights = Object.fromEntries(HIGHLIGHT_KINDS.map((kind) => [kind, form.elements[kind].checked]));
  await saveSettings({
    ...(await loadSettings()), // the sites paused from the popup stay paused
    backendUrl: checked.url,
    autoAnalyze: form.elements.autoAnalyze.value === "auto",
    highlights,
  });
  await saveToken(token.token);
  await refill();
  saved.textContent = "Saved.";
});

document.getElementById("reset").addEventListener("click", async () => {
  const { pausedSites } = await loadSettings();
  await saveSettings({ ...DEFAULT_SETTINGS, pausedSites });
  await saveToken("");
  await refill();
  showError(null);
  showError(null, tokenInput, tokenError);
  saved.textContent = "Defaults restored.";
});

refill();
