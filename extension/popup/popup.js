// The toolbar popup: the article's sources, shares by type, tone, the key to the marks,
// pausing, and the backend's status.
import {
  articleCounts,
  isUncertain,
  segmentLabel,
  segments,
  segmentOf,
  TONE_THRESHOLD,
  toneLabel,
} from "../shared/analysis.js";
import { ext } from "../shared/browser-api.js";
import { segmentBackground } from "../shared/chip.js";
import { TYPE_LABELS } from "../shared/contract.js";
import { h } from "../shared/dom.js";
import { percent, signed } from "../shared/format.js";
import { anonymousOrVague, chipParts, LEGEND_CSS, legendList } from "../shared/legend.js";
import { MSG } from "../shared/messages.js";
import { START_COMMAND } from "../shared/settings.js";
import { THEME_CSS } from "../shared/theme.js";

const $ = (id) => document.getElementById(id);
document.head.append(h("style", { text: THEME_CSS + LEGEND_CSS }));

// While the backend is down, the popup looks again this often, and marks the page once it
// answers (the content script also retries on its own, with backoff).
const HEALTH_POLL_MS = 3000;

/** The tab this popup describes: ?tab=<id> when opened as a page, else the active tab. */
async function targetTabId() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function renderBackend(result) {
  const pill = $("backend");
  if (result.ok) {
    const model = result.health?.model;
    pill.dataset.state = "ok";
    pill.textContent = "Connected";
    const where = result.backendUrl.replace(/^https?:\/\//, "");
    $("backend-detail").textContent = model ? `${where} · ${model.name} ${model.version}` : where;
    $("backend-detail").title = $("backend-detail").textContent;
    $("backend-help").hidden = true;
    return;
  }
  const refused = [401, 403].includes(result.error?.status);
  pill.dataset.state = "down";
  pill.textContent = refused ? "Backend refused" : "Backend unreachable";
  $("backend-detail").textContent = ""; // the callout below says it all
  $("backend-problem").textContent = refused ? "The backend refused Sourcemark." : "The backend is not running.";
  $("backend-problem-detail").replaceChildren(
    ...(refused
      ? ["It asks for a shared token: set it in Settings."]
      : ["Nothing answers at ", h("span", { id: "backend-url", text: result.backendUrl }), "."]),
  );
  $("backend-start").hidden = refused;
  $("start-command").textContent = START_COMMAND;
  $("backend-help").hidden = false;
}

function renderShare(counts) {
  const shown = segments(counts);
  $("share-bar").replaceChildren(
    ...shown.map(({ key, share }) => h("span", { style: { width: `${share * 100}%`, background: segmentBackground(key) } })),
  );
  $("share-bar").setAttribute("aria-label", shown.map(({ key, share }) => `${segmentLabel(key)} ${percent(share)}`).join(", "));
  $("share-legend").replaceChildren(
    ...shown.map(({ key, share }) =>
      h(
        "li",
        { "data-type": segmentOf(key).type, "data-segment": key, "data-uncertain": segmentOf(key).uncertain ? "true" : null },
        h("span", { class: "swatch", style: { background: segmentBackground(key) } }),
        segmentLabel(key),
        h("b", { text: percent(share) }),
      ),
    ),
  );
}

function toneRow(label, sentiment, id) {
  if (!sentiment) {
    return [h("dt", { text: label }), h("dd", {}, h("span", {}), h("span", { class: "value", id, text: "—" }))];
  }
  const shown = toneLabel(sentiment);
  const position = `calc(${((sentiment.compound + 1) / 2) * 100}% - 1.5px)`;
  return [
    h("dt", { text: label }),
    h(
      "dd",
      {},
      h("span", { class: "meter", "aria-hidden": "true" }, h("i", { style: { left: position, background: `var(--sm-${shown})` } })),
      h("span", {
        class: "value",
        id,
        "data-tone": shown,
        text: `${shown} ${signed(sentiment.compound)}`,
        title: `A tone is named only past ±${TONE_THRESHOLD.toFixed(1)} (VADER's compound score, −1 to +1).`,
      }),
    ),
  ];
}

/** Attributions by source id, and how many of them are uncertain. */
function attributionsBySource(analysis) {
  const counts = new Map();
  for (const paragraph of analysis.paragraphs) {
    for (const attribution of paragraph.attributions) {
      const id = attribution.source?.source_id;
      if (!id) continue;
      const count = counts.get(id) ?? { all: 0, uncertain: 0 };
      count.all += 1;
      if (isUncertain(attribution)) count.uncertain += 1;
      counts.set(id, count);
    }
  }
  return counts;
}

function renderRoster(analysis, tabId) {
  const counts = attributionsBySource(analysis);
  const sorted = [...analysis.sources].sort(
    (a, b) => b.attributions - a.attributions || a.name.localeCompare(b.name, undefined, { sensitivity: "base" }),
  );
  $("roster").replaceChildren(
    ...sorted.map((source) => {
      const unsure = counts.get(source.id)?.uncertain ?? 0;
      const allUnsure = unsure > 0 && unsure === source.attributions;
      const first = source.paragraphs[0];
      return h(
        "li",
        {
          "data-source-type": source.type,
          "data-uncertain": allUnsure ? "true" : null,
          style: { "--type": `var(--sm-${source.type})` },
        },
        h(
          "button",
          {
            type: "button",
            "data-paragraph": first ?? null,
            title: first ? `Go to where ${source.name} is first cited` : null,
            disabled: !first,
          },
          h("span", { class: "name", text: allUnsure ? `probably ${source.name}` : source.name }),
          h("span", { class: "type", text: TYPE_LABELS[source.type] ?? source.type }),
          unsure && !allUnsure ? h("span", { class: "unsure", text: `${unsure} uncertain` }) : null,
          h("span", {
            class: "n",
            text: `×${source.attributions}`,
            title: `${source.attributions} attribution${source.attributions === 1 ? "" : "s"}`,
          }),
        ),
      );
    }),
  );
  for (const button of $("roster").querySelectorAll("button[data-paragraph]")) {
    button.addEventListener("click", () =>
      ext.runtime.sendMessage({ type: MSG.GO_TO, tabId, paragraph: button.dataset.paragraph }),
    );
  }
  $("roster-count").textContent = `(${sorted.length})`;
  $("roster-empty").hidden = sorted.length > 0;
  showWhatIsBelow();
}

/** "N more" at the bottom of the list while some of it is scrolled out of sight. */
function showWhatIsBelow() {
  const list = $("roster");
  const bottom = list.getBoundingClientRect().bottom;
  const below = [...list.children].filter((row) => row.getBoundingClientRect().top >= bottom - 4).length;
  $("roster-more").hidden = below === 0;
  $("roster-more").textContent = `${below} more ↓`;
}

function renderStatus(state, analysis) {
  const status = $("page-status");
  status.replaceChildren();
  if (state.status === "analysing") {
    const total = state.total ?? 0;
    status.append(
      "Analysing ",
      h("strong", { text: total ? `${(state.done ?? 0).toLocaleString("en")} of ${total.toLocaleString("en")}` : "" }),
      " paragraphs…",
    );
  } else if (state.status === "done" && analysis) {
    const s = analysis.summary;
    const unsure = analysis.paragraphs.reduce((n, p) => n + p.attributions.filter(isUncertain).length, 0);
    status.append(
      h("strong", { text: `${state.paragraphs ?? s.paragraphs} paragraphs` }),
      ` · ${s.attributions} attribution${s.attributions === 1 ? "" : "s"}`,
      unsure ? h("span", { id: "uncertain-count", text: ` (${unsure} uncertain)` }) : "",
      ` · ${analysis.sources.length} sources`,
    );
  } else if (state.status === "done") {
    status.textContent = "Marked. Press “Analyse this page” to see the summary again.";
  } else if (state.status === "paused") {
    status.textContent = "Sourcemark is paused here: nothing is marked.";
  } else if (state.status === "not-article") {
    status.textContent = "This page doesn't look like an article, so nothing is marked.";
  } else if (state.status === "error" && state.error?.retryable) {
    status.textContent =
      state.done > 0
        ? `${state.done} of ${state.total} paragraphs are marked; the rest follow when the backend answers.`
        : "Nothing is marked on this page until the backend answers.";
  } else if (state.status === "error") {
    status.textContent = `The analysis failed: ${state.error?.message ?? "unknown error"}`;
  } else if (state.status === "unsupported") {
    status.textContent = "Sourcemark can't read this page.";
  } else {
    status.textContent = "Not analysed yet.";
  }
}

function renderProgress(state) {
  const analysing = state.status === "analysing";
  const progress = $("progress");
  progress.hidden = !analysing;
  $("analyse").disabled = analysing;
  const determinate = analysing && state.total > 0;
  progress.classList.toggle("determinate", determinate);
  if (determinate) {
    const done = Math.min(state.done ?? 0, state.total);
    progress.setAttribute("aria-valuemin", "0");
    progress.setAttribute("aria-valuemax", String(state.total));
    progress.setAttribute("aria-valuenow", String(done));
    progress.style.setProperty("--done", `${(100 * done) / state.total}%`);
  } else {
    for (const name of ["aria-valuemin", "aria-valuemax", "aria-valuenow"]) progress.removeAttribute(name);
  }
}

// Pause changes sent and not yet answered: a tab state read before one landed would undo
// the reader's click on the checkbox, so the boxes are left alone until it has.
let pausesInFlight = 0;

function renderPause(pause) {
  $("pause").hidden = !pause?.site;
  if (!pause?.site) return;
  $("pause-site-name").textContent = pause.site;
  if (pausesInFlight > 0) return;
  $("pause-site").checked = pause.sitePaused;
  $("pause-tab").checked = pause.tabPaused;
}

function renderPage({ state, analysis, pause }, tabId) {
  renderProgress(state);
  renderStatus(state, analysis);
  renderPause(pause);
  const show = Boolean(analysis) && state.status !== "paused";
  $("results").hidden = !show;
  if (!show) return;
  renderShare(articleCounts(analysis));
  const tone = analysis.summary.tone;
  $("tone").replaceChildren(
    ...toneRow("Outlet's own voice", tone?.outlet ?? null, "tone-outlet"),
    ...toneRow("Its sources", tone?.sources ?? null, "tone-sources"),
  );
  renderRoster(analysis, tabId);
}

let lastReport = null;

async function refresh(tabId) {
  const [report, backend] = await Promise.all([
    ext.runtime.sendMessage({ type: MSG.GET_TAB_STATE, tabId }),
    ext.runtime.sendMessage({ type: MSG.HEALTH }),
  ]);
  lastReport = report;
  renderBackend(backend);
  renderPage(report, tabId);
  return { report, backend };
}

/**
 * While the backend is down, look again every few seconds; when it answers and the page
 * still waits for it, analyse the page, so the popup never shows "Connected" beside a
 * stale "Nothing is marked".
 */
function watchBackend(tabId) {
  const look = async () => {
    const backend = await ext.runtime.sendMessage({ type: MSG.HEALTH });
    renderBackend(backend);
    const waiting = lastReport?.state.status === "error" && lastReport.state.error?.retryable;
    if (!backend.ok) setTimeout(look, HEALTH_POLL_MS);
    else if (waiting) analyse(tabId);
  };
  return look;
}

async function analyse(tabId) {
  $("analyse").disabled = true;
  renderPage({ state: { status: "analysing" }, analysis: null, pause: lastReport?.pause }, tabId);
  await ext.runtime.sendMessage({ type: MSG.ANALYZE_TAB, tabId });
  await refresh(tabId);
}

async function setPause(tabId, scope, paused) {
  pausesInFlight += 1;
  try {
    await ext.runtime.sendMessage({ type: MSG.SET_PAUSE, tabId, scope, paused });
  } finally {
    pausesInFlight -= 1;
  }
  await refresh(tabId); // the boxes show what holds now, also if the change failed
}

(async () => {
  $("legend-body").append(legendList(), anonymousOrVague(), chipParts());
  $("roster").addEventListener("scroll", showWhatIsBelow, { passive: true });
  const tabId = await targetTabId();
  $("open-options").addEventListener("click", () => ext.runtime.openOptionsPage());
  if (tabId === undefined) {
    $("analyse").disabled = true;
    return;
  }
  $("analyse").addEventListener("click", () => analyse(tabId));
  $("pause-site").addEventListener("change", (event) => setPause(tabId, "site", event.target.checked));
  $("pause-tab").addEventListener("change", (event) => setPause(tabId, "tab", event.target.checked));
  // The background writes each tab's state to storage.session; follow it while open.
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && `tab:${tabId}` in changes) {
      ext.runtime.sendMessage({ type: MSG.GET_TAB_STATE, tabId }).then((report) => {
        lastReport = report;
        renderPage(report, tabId);
      });
    }
  });
  const { report, backend } = await refresh(tabId);
  const waiting = report.state.status === "error" && report.state.error?.retryable;
  if (backend.ok && waiting) analyse(tabId);
  else if (!backend.ok) setTimeout(watchBackend(tabId), HEALTH_POLL_MS);
})();
