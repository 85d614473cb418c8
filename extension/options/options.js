// The settings page: backend URL, when to analyse, which highlights to draw (storage.sync).
import { ext } from "../shared/browser-api.js";
import {
  DEFAULT_SETTINGS,
  HIGHLIGHT_KINDS,
  isLoopback,
  loadSettings,
  originPattern,
  saveSettings,
  validateBackendUrl,
} from "../shared/settings.js";

const form = document.getElementById("settings");
const urlInput = document.getElementById("backend-url");
const urlError = document.getElementById("backend-url-error");
const saved = document.getElementById("saved");

function fill(settings) {
  urlInput.value = settings.backendUrl;
  form.elements.autoAnalyze.value = settings.autoAnalyze ? "auto" : "click";
  for (const kind of HIGHLIGHT_KINDS) form.elements[kind].checked = settings.highlights[kind];
}

function showError(message) {
  urlError.textContent = message ?? "";
  urlError.hidden = !message;
  urlInput.setAttribute("aria-invalid", message ? "true" : "false");
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
    backendUrl: checked.url,
    autoAnalyze: form.elements.autoAnalyze.value === "auto",
    highlights,
  });
  fill(await loadSettings());
  saved.textContent = "Saved.";
});

document.getElementById("reset").addEventListener("click", async () => {
  await saveSettings(DEFAULT_SETTINGS);
  fill(await loadSettings());
  showError(null);
  saved.textContent = "Defaults restored.";
});

loadSettings().then(fill);
