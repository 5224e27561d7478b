// What the browser runners share: Debian's Chromium started for a closed
// network, and axe-core's WCAG 2.1 A and AA rules run on pages in the
// light and dark colour schemes.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function launch() {
  return await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

// Every violation on `pages` (paths given to `url`), in both schemes.
export async function axeViolations(page, url, pages) {
  const violations = [];
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of pages) {
      await page.goto(url(p));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () =>
        await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
      for (const v of result.violations) {
        violations.push({ page: p, scheme, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
      }
    }
  }
  return violations;
}

// A built site read from disk (the folder given on the command line), a
// page of it in Chromium, and the problems seen: a script error, or any
// request that leaves the disk.
export async function openSiteFromDisk() {
  const out = path.resolve(process.argv[2] || "output");
  const url = (p) => pathToFileURL(path.join(out, p)).href;
  const problems = [];
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("pageerror", (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`request to another host: ${r.url()}`); });
  return { out, url, problems, browser, page };
}
