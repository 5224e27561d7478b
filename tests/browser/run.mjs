// Reads a built site as a reader would, in Debian's Chromium over file://:
// follows the navigation, searches, and runs axe-core's WCAG 2.1 A and AA
// rules on a sample of pages in the light and dark themes.
// Usage: node run.mjs OUTPUT_DIR   (prints a JSON report; exit 1 on failure)
import { launch, axeViolations } from "./common.mjs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const out = path.resolve(process.argv[2] || "output");
const url = (p) => pathToFileURL(path.join(out, p)).href;
const problems = [];
const steps = [];

const browser = await launch();
const page = await browser.newPage();
// Console errors count while reading; axe-core itself later probes
// stylesheets in ways file:// refuses, which says nothing of the site.
let reading = true;
page.on("console", (m) => { if (reading && m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`); });
page.on("pageerror", (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`request to another host: ${r.url()}`); });

async function follow(selector, expectPath) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
  const now = decodeURIComponent(page.url());
  steps.push(now.replace(pathToFileURL(out).href, ""));
  if (expectPath && !now.includes(expectPath)) problems.push(`after ${selector} expected ${expectPath}, got ${now}`);
}

// Navigation: home -> forums -> a forum -> a session -> its action line -> back.
await page.goto(url("index.html"));
steps.push("/index.html");
await follow('nav[aria-label="Site"] a[href$="forums/index.html"]', "/forums/index.html");
const forumLink = (await page.$(`.timeline a[href$="${process.env.WSIS_FORUM || "2020"}/index.html"]`)) ? `.timeline a[href$="${process.env.WSIS_FORUM || "2020"}/index.html"]` : ".timeline li:first-child a";
await follow(forumLink, "/forums/");
const session = await page.$("section[aria-labelledby='section-hlt'] a");
if (session) {
  // A session that names an Action Line or SDG; then that page, and back.
  const count = (await page.$$("section[aria-labelledby='section-hlt'] li a")).length;
  for (let i = 1; i <= count; i++) {
    await follow(`section[aria-labelledby='section-hlt'] li:nth-child(${i}) a`, "/hlt/");
    if (await page.$(".tags a.chip")) break;
    if (i < count) await page.goBack();
  }
  const chip = await page.$(".tags a.chip");
  if (chip) {
    await follow(".tags a.chip", "/");
    await page.goBack();
    steps.push("back: " + decodeURIComponent(page.url()).replace(pathToFileURL(out).href, ""));
    if (!page.url().includes("/hlt/")) problems.push(`back did not return to the session: ${page.url()}`);
  }
}
await follow('nav[aria-label="Breadcrumb"] li:first-child a', "/index.html");

// Search: type a query, wait for results, follow the first.
const query = process.env.WSIS_QUERY || "forum";
await page.goto(url("search/index.html"));
await page.fill("#q", query);
try {
  await page.waitForSelector("#search-results li a", { timeout: 10000 });
  const first = await page.textContent("#search-results li a");
  steps.push(`search "${query}": first result "${first}"`);
  await follow("#search-results li a", ".html");
} catch (e) {
  problems.push(`search for "${query}" showed no result: ${(await page.textContent("#search-status")) || e.message}`);
}

// Accessibility: WCAG 2.1 A and AA rules, light and dark.
reading = false;
const sample = (process.env.WSIS_AXE_PAGES || "index.html").split(",");
const violations = await axeViolations(page, url, sample);
await browser.close();
for (const v of violations) problems.push(`axe ${v.id} (${v.impact}) on ${v.page} [${v.scheme}]: ${v.help} at ${v.nodes.join(", ")}`);
console.log(JSON.stringify({ steps, pages_checked: sample.length * 2, violations: violations.length, problems }, null, 2));
process.exit(problems.length ? 1 : 0);
