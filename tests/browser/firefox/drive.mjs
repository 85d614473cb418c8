// Drives real Firefox (Debian's firefox-esr) with an extension build through puppeteer-core:
// opens a page, waits for the markers, clicks paragraphs and reads the popover. Prints one
// JSON result; the pytest side makes the assertions.
// Usage: node drive.mjs '{"dist", "firefox", "pageUrl", "click": ["paragraph start", ...],
//   "evaluate": {"name": "expression run in the page once it is marked", ...}}'
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const require = createRequire(join(repo, "extension", "package.json"));
const puppeteer = require("puppeteer-core");

const job = JSON.parse(process.argv[2]);
const TIMEOUT = 60_000;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: job.firefox ?? "/usr/bin/firefox-esr",
  headless: true,
});
try {
  const addonId = await browser.installExtension(job.dist);
  const page = await browser.newPage();
  await page.goto(job.pageUrl, { waitUntil: "load" });
  await page.waitForSelector("sourcemark-chip", { timeout: TIMEOUT });
  const marked = await page.$$eval("[data-sourcemark]", (els) =>
    els.map((e) => ({
      id: e.dataset.sourcemark,
      tag: e.tagName,
      text: e.textContent,
      inArticle: !!e.closest("article"),
    })),
  );
  const chips = await page.$$eval("sourcemark-chip", (els) => els.map((e) => e.dataset.paragraph));
  const evaluated = {};
  for (const [name, expression] of Object.entries(job.evaluate ?? {})) {
    evaluated[name] = await page.evaluate(expression);
  }

  const popovers = {};
  for (const start of job.click ?? []) {
    const id = marked.find((m) => m.text.trim().startsWith(start))?.id;
    if (!id) {
      popovers[start] = null;
      continue;
    }
    await page.click(`[data-sourcemark="${id}"]`);
    await page.waitForFunction(
      () => {
        const host = document.querySelector("sourcemark-popover");
        return !!host && getComputedStyle(host).display !== "none";
      },
      { timeout: TIMEOUT },
    );
    popovers[start] = await page.evaluate(() =>
      [...document.querySelector("sourcemark-popover").shadowRoot.querySelectorAll("[data-source-type]")].map(
        (row) => row.dataset.sourceType,
      ),
    );
    await page.keyboard.press("Escape");
  }
  console.log(
    JSON.stringify({ addonId, userAgent: await browser.userAgent(), marked, chips, popovers, evaluated }),
  );
} finally {
  await browser.close();
}
