// The toolbar popup: the article's roster, share by type, tone, and the backend's status.
import { ext } from "../shared/browser-api.js";
import { BREAKDOWN_KEYS, TYPE_LABELS } from "../shared/contract.js";
import { h } from "../shared/dom.js";
import { percent, signed } from "../shared/format.js";
import { MSG } from "../shared/messages.js";
import { START_COMMAND } from "../shared/settings.js";
import { THEME_CSS } from "../shared/theme.js";

const $ = (id) => document.getElementById(id);
document.head.append(h("style", { text: THEME_CSS }));



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
  } else {
    pill.dataset.state = "down";
    pill.textContent = "Backend unreachable";
    $("backend-detail").textContent = ""; // the callout below says it all
    $("backend-url").textContent = result.backendUrl;
    $("start-command").textContent = START_COMMAND;
    $("backend-help").hidden = false;
  }
}

function renderShare(share) {
  const keys = BREAKDOWN_KEYS.filter((key) => share[key] > 0);
  $("share-bar").replaceChildren(
    ...keys.map((key) => h("span", { style: { width: `${share[key] * 100}%`, background: `var(--sm-${key})` } })),
  );
  $("share-bar").setAttribute("aria-label", keys.map((k) => `${TYPE_LABELS[k]} ${percent(share[k])}`).join(", "));
  $("share-legend").replaceChildren(
    ...keys.map((key) =>
      h(
        "li",
        { "data-type": key },
        h("span", { class: "swatch", style: { background: `var(--sm-${key})` } }),
        TYPE_LABELS[key],
        h("b", { text: percent(share[key]) }),
      ),
    ),
  );
}

function toneRow(label, sentiment, id) {
  if (!sentiment) {
    return [h("dt", { text: label }), h("dd", {}, h("span", {}), h("span", { class: "value", id, text: "—" }))];
  }
  const position = `calc(${((sentiment.compound + 1) / 2) * 100}% - 1.5px)`;
  return [
    h("dt", { text: label }),
    h(
      "dd",
      {},
      h("span", { class: "meter", "aria-hidden": "true" }, h("i", { style: { left: position, background: `var(--sm-${sentiment.label})` } })),
      h("span", { class: "value", id, text: `${sentiment.label} ${signed(sentiment.compound)}` }),
    ),
  ];
}

function renderRoster(sources) {
  const sorted = [...sources].sort(
    (a, b) => b.attributions - a.attributions || a.name.localeCompare(b.name, undefined, { sensitivity: "base" }),
  );
  $("roster").replaceChildren(
    ...sorted.map((source) =>
      h(
        "li",
        { "data-source-type": source.type, style: { "--type": `var(--sm-${source.type})` } },
        h("span", { class: "name", text: source.name, title: source.name }),
        h("span", { class: "type", text: TYPE_LABELS[source.type] ?? source.type }),
        h("span", {
          class: "n",
          text: `×${source.attributions}`,
          title: `${source.attributions} attribution${source.attributions === 1 ? "" : "s"}`,
        }),
      ),
    ),
  );
  $("roster-count").textContent = `(${sorted.length})`;
  $("roster-empty").hidden = sorted.length > 0;
}

function renderPage({ state, analysis }) {
  const status = $("page-status");
  const analysing = state.status === "analysing";
  $("progress").hidden = !analysing;
  $("analyse").disabled = analysing;
  $("results").hidden = !analysis;
  status.replaceChildren();
  if (analysing) {
    status.append("Analysing ", h("strong", { text: String(state.paragraphs ?? "") }), " paragraphs…");
  } else if (state.status === "done" && analysis) {
    const s = analysis.summary;
    status.append(
      h("strong", { text: `${s.paragraphs} paragraphs` }),
      ` · ${s.attributions} attribution${s.attributions === 1 ? "" : "s"} · ${analysis.sources.length} sources`,
    );
    renderShare(s.share);
    $("tone").replaceChildren(
      ...toneRow("Outlet's own voice", s.tone?.outlet ?? null, "tone-outlet"),
      ...toneRow("Its sources", s.tone?.sources ?? null, "tone-sources"),
    );
    renderRoster(analysis.sources);
  } else if (state.status === "done") {
    status.textContent = "Marked. Press “Analyse this page” to see the summary again.";
  } else if (state.status === "not-article") {
    status.textContent = "This page doesn't look like an article, so nothing is marked.";
  } else if (state.status === "error" && state.error?.code === "backend_unreachable") {
    status.textContent = "Nothing is marked on this page until the backend answers.";
  } else if (state.status === "error") {
    status.textContent = `The analysis failed: ${state.error?.message ?? "unknown error"}`;
  } else if (state.status === "unsupported") {
    status.textContent = "Sourcemark can't read this page.";
  } else {
    status.textContent = "Not analysed yet.";
  }
}

async function refresh(tabId) {
  const [report, backend] = await Promise.all([
    ext.runtime.sendMessage({ type: MSG.GET_TAB_STATE, tabId }),
    ext.runtime.sendMessage({ type: MSG.HEALTH }),
  ]);
  renderBackend(backend);
  renderPage(report);
}

(async () => {
  const tabId = await targetTabId();
  $("open-options").addEventListener("click", () => ext.runtime.openOptionsPage());
  if (tabId === undefined) {
    $("analyse").disabled = true;
    return;
  }
  $("analyse").addEventListener("click", async () => {
    $("analyse").disabled = true;
    renderPage({ state: { status: "analysing" }, analysis: null });
    await ext.runtime.sendMessage({ type: MSG.ANALYZE_TAB, tabId });
    await refresh(tabId);
  });
  // The background writes each tab's state to storage.session; follow it while open.
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && `tab:${tabId}` in changes) {
      ext.runtime.sendMessage({ type: MSG.GET_TAB_STATE, tabId }).then(renderPage);
    }
  });
  await refresh(tabId);
})();
