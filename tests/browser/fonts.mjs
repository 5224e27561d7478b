// Every script reads on a machine with no font for it: Chromium is started
// with a fontconfig that sees one Latin font only (FONTCONFIG_FILE, set by
// the caller), and a page of each language is opened from disk (file://).
// On each, every character beyond Latin, Greek and Cyrillic must be in a
// face of the site's own "WSIS Text" family that loaded; Chromium's own
// account of the fonts it drew the headings with (DevTools'
// CSS.getPlatformFontsForNode) must have drawn every Chinese and Arabic
// letter with the site's font, the Latin font only the spaces.
// Usage: node fonts.mjs OUTPUT_DIR   (prints a JSON report; exit 1 on failure)
import { openSiteFromDisk } from "./common.mjs";

const { url, problems, browser, page } = await openSiteFromDisk();
const checks = [];
const cdp = await page.context().newCDPSession(page);

const pages = ["forums/2020/index.html", "forums/2020/hlt/digital-inclusion/index.html", "forums/2020/brief/index.html"];
for (const lang of ["en", "fr", "es", "ar", "zh", "ru"]) {
  for (const p of pages) {
    const rel = lang === "en" ? p : `${lang}/${p}`;
    await page.goto(url(rel));
    const report = await page.evaluate(async () => {
      await document.fonts.ready;
      const needs = (c) => c.codePointAt(0) >= 0x590 && !(c.codePointAt(0) >= 0x2000 && c.codePointAt(0) <= 0x2bff);
      const used = new Set(Array.from(document.body.innerText).filter(needs));
      // Make every face the page uses load, as painting does.
      await Promise.all(Array.from(used).map((c) => document.fonts.load(`16px "WSIS Text"`, c)));
      const faces = Array.from(document.fonts).filter((f) => f.family.replace(/"/g, "") === "WSIS Text");
      const inRange = (face, cp) => face.unicodeRange.split(",").some((r) => {
        const [a, b] = r.trim().replace(/^U\+/i, "").split("-").map((x) => parseInt(x, 16));
        return cp >= a && cp <= (b ?? a);
      });
      const uncovered = Array.from(used).filter((c) => !faces.some((f) => f.status === "loaded" && inRange(f, c.codePointAt(0))));
      return { used: used.size, faces: faces.length, failed: faces.filter((f) => f.status === "error").length, uncovered };
    });
    checks.push({ page: rel, ...report, uncovered: report.uncovered.length });
    if (report.failed > 0) problems.push(`${rel}: ${report.failed} font faces failed to load`);
    if (report.uncovered.length > 0) problems.push(`${rel}: no loaded web font for ${report.uncovered.join("")}`);
  }
}

// What Chromium drew the Chinese and Arabic headings with.
for (const rel of ["zh/forums/2020/hlt/digital-inclusion/index.html", "ar/forums/2020/hlt/digital-inclusion/index.html"]) {
  await page.goto(url(rel));
  await page.evaluate(async () => { await document.fonts.ready; });
  await page.waitForTimeout(200);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "main h1" });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  const text = await page.textContent("main h1");
  const needing = Array.from(text).filter((c) => c.codePointAt(0) >= 0x590).length;
  const own = fonts.filter((f) => f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0);
  const system = fonts.filter((f) => !f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0);
  checks.push({ page: rel, heading: text, needing, own_glyphs: own, system_glyphs: system });
  // The system's fonts draw the spaces at most; the site's font the rest.
  if (own < needing || system > Array.from(text).length - needing) {
    problems.push(`${rel}: "${text}" is drawn with ${JSON.stringify(fonts)}: the system fonts here have no glyph for its script`);
  }
}

await browser.close();
console.log(JSON.stringify({ checks, problems }, null, 1));
process.exit(problems.length ? 1 : 0);
