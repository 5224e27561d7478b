// Reads the six-language fixture site in Debian's Chromium over file://:
// the Arabic pages are mirrored (measured, not assumed: the header's first
// items sit at the right edge), English text not yet translated keeps its
// own direction there (measured too), search finds pages in each language
// (Chinese by two characters, Arabic with and without the article,
// French without accents), and axe-core's WCAG 2.1 A and AA rules pass on
// the Arabic, Chinese and Russian pages in the light and dark themes.
// Usage: node languages.mjs OUTPUT_DIR   (prints a JSON report; exit 1 on failure)
import { axeViolations, openSiteFromDisk } from "./common.mjs";

const { url, problems, browser, page } = await openSiteFromDisk();
const checks = [];

// Mirroring: where the site title and the first and last menu items sit.
async function layout(p) {
  await page.goto(url(p));
  return await page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right }; };
    const items = document.querySelectorAll(".site-header nav:not(.languages) .menu li");
    return {
      width: document.documentElement.clientWidth,
      dir: getComputedStyle(document.body).direction,
      title: box(document.querySelector(".site-title")),
      first: box(items[0]),
      last: box(items[items.length - 1]),
      crumb: box(document.querySelector(".breadcrumbs li") || document.body),
    };
  });
}
const en = await layout("forums/2020/index.html");
const ar = await layout("ar/forums/2020/index.html");
checks.push({ en, ar });
if (ar.dir !== "rtl") problems.push(`the Arabic page is not right to left: ${ar.dir}`);
if (!(ar.title.right > ar.width * 0.75)) problems.push(`the Arabic site title is not at the right edge: ${JSON.stringify(ar.title)}`);
if (!(en.title.left < en.width * 0.25)) problems.push(`the English site title is not at the left edge: ${JSON.stringify(en.title)}`);
if (!(ar.first.left > ar.last.left)) problems.push(`the Arabic menu does not run from the right: ${JSON.stringify(ar)}`);
if (!(en.first.left < en.last.left)) problems.push(`the English menu does not run from the left: ${JSON.stringify(en)}`);
if (!(ar.crumb.right > ar.width * 0.75)) problems.push(`the Arabic breadcrumbs do not start at the right: ${JSON.stringify(ar.crumb)}`);

// Text not yet translated keeps its own direction on an Arabic page: the
// English paragraph's first letter sits left of its full stop, and the
// date after an English session title stays after it (to its left).
const mixed = await (async () => {
  await page.goto(url("ar/forums/2020/hlt/e-health/index.html"));
  const ends = await page.evaluate(() => {
    const p = [...document.querySelectorAll(".prose p")].find((e) => e.textContent.includes("Participants"));
    const text = p.firstChild;
    const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
    const footer = [...document.querySelectorAll("footer span[lang=en]")].map((s) => s.textContent);
    return { first: at(0), last: at(text.length - 1), footer };
  });
  await page.goto(url("ar/forums/2020/index.html"));
  const quote = await page.evaluate(() => {
    const text = document.querySelector("figure.quote blockquote p").firstChild;
    const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
    return { first: at(0), last: at(text.length - 1) };
  });
  const listed = await page.evaluate(() => {
    const a = [...document.querySelectorAll("a[lang=en]")].find((e) => e.textContent === "E-health for everyone");
    const time = a.parentElement.querySelector("time");
    return { title: a.getBoundingClientRect().left, date: time.getBoundingClientRect().right };
  });
  // A chart's legend reads label, then value: from the right on the
  // Arabic page, from the left on the English one.
  const legend = async (p) => {
    await page.goto(url(p));
    return await page.evaluate(() => {
      const text = [...document.querySelectorAll("svg text.chart-label")].find((t) => t.textContent.includes("Women"));
      const at = (ch) => text.getStartPositionOfChar(text.textContent.indexOf(ch)).x;
      return { label: at("W"), value: at("4") };
    });
  };
  return { ends, quote, listed, legend_ar: await legend("ar/forums/2020/index.html"), legend_en: await legend("forums/2020/index.html") };
})();
checks.push({ mixed });
if (!(mixed.ends.first < mixed.ends.last)) problems.push(`the English paragraph on the Arabic page runs right to left: ${JSON.stringify(mixed.ends)}`);
if (!mixed.ends.footer.includes("Outcome documents of the WSIS Forum")) problems.push(`the English site description in the Arabic footer is not marked: ${JSON.stringify(mixed.ends.footer)}`);
if (!(mixed.quote.first < mixed.quote.last)) problems.push(`the English quote on the Arabic forum page runs right to left: ${JSON.stringify(mixed.quote)}`);
if (!(mixed.legend_ar.label > mixed.legend_ar.value)) problems.push(`the Arabic chart legend does not read label then value from the right: ${JSON.stringify(mixed.legend_ar)}`);
if (!(mixed.legend_en.label < mixed.legend_en.value)) problems.push(`the English chart legend does not read label then value: ${JSON.stringify(mixed.legend_en)}`);
if (!(mixed.listed.date <= mixed.listed.title + 1)) problems.push(`the date does not follow the English title on the Arabic forum page: ${JSON.stringify(mixed.listed)}`);

// Search in each language, from that language's search page.
async function search(lang, query, expect) {
  await page.goto(url(`${lang}/search/index.html`));
  await page.fill("#q", query);
  try {
    await page.waitForSelector("#search-results li a", { timeout: 10000 });
    const titles = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
    const status = await page.textContent("#search-status");
    checks.push({ lang, query, titles, status });
    if (!titles.some((t) => t.includes(expect))) problems.push(`${lang} search "${query}" did not find "${expect}": ${titles.join(" | ")}`);
    // The count is said in the language's plural form, every blank filled.
    if (!status || /[{}]/.test(status)) problems.push(`${lang} search "${query}": status "${status}"`);
    const href = await page.getAttribute("#search-results li a", "href");
    await Promise.all([page.waitForNavigation(), page.click("#search-results li a")]);
    if (!decodeURIComponent(page.url()).includes(`/${lang}/`)) problems.push(`${lang} result ${href} leaves the language: ${page.url()}`);
  } catch (e) {
    problems.push(`${lang} search "${query}" showed no result: ${(await page.textContent("#search-status")) || e.message}`);
  }
}
await search("zh", "数字", "弥合数字鸿沟");
await search("ar", "الفجوات", "سد الفجوات الرقمية");
await search("ar", "فجوات", "سد الفجوات الرقمية");
await search("fr", "developpement", "Forum du SMSI 2020");
await search("ru", "форум", "Форум ВВУИО 2020 года");
// A word written with its clitic (والاتصال, للنساء) is found by its
// dictionary form; Persian ی reads as Arabic ي; one Chinese character finds
// the words that hold it.
await search("ar", "الاتصال", "سد الفجوات الرقمية");
await search("ar", "النساء", "سد الفجوات الرقمية");
await search("ar", "التنمیة", "سد الفجوات الرقمية");
await search("zh", "鸿", "弥合数字鸿沟");

// Accessibility in the scripts that differ most from English.
const sample = [];
for (const lang of ["ar", "zh", "ru"]) {
  for (const p of ["index.html", "forums/2020/index.html", "forums/2020/hlt/digital-inclusion/index.html",
    "forums/2020/hlt/e-health/index.html", "search/index.html", "forums/2020/brief/index.html"]) sample.push(`${lang}/${p}`);
}
const violations = await axeViolations(page, url, sample);
await browser.close();
for (const v of violations) problems.push(`axe ${v.id} (${v.impact}) on ${v.page} [${v.scheme}]: ${v.help} at ${v.nodes.join(", ")}`);
console.log(JSON.stringify({ checks, pages_checked: sample.length * 2, violations: violations.length, problems }, null, 2));
process.exit(problems.length ? 1 : 0);
