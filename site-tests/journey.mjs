// The engo website as people use it, in a real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): open the home page, search an organisation by part of its Kazakh
// name, follow it to its page, switch language, follow a social order to its timeline; axe-core
// on every main type of page (no serious or critical violation); screenshots kept as artefacts.
//
// Usage: node journey.mjs SITE_DIR [ARTEFACTS_DIR]
// SITE_DIR is the output of `engo publish`. Prints "N passed, M failed" and exits 1 on a failure.

import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const site = resolve(process.argv[2] ?? "");
const artefacts = resolve(process.argv[3] ?? "artefacts");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!process.argv[2] || !statSync(join(site, "index.html"), { throwIfNoEntry: false })) {
  console.error("usage: node journey.mjs SITE_DIR [ARTEFACTS_DIR] (SITE_DIR has index.html)");
  process.exit(2);
}
mkdirSync(artefacts, { recursive: true });

// A static server of the site on the loopback, as a static host serves it.
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".csv": "text/csv", ".xml": "application/xml", ".xsd": "application/xml",
  ".ndjson": "application/x-ndjson",
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = normalize(join(site, path.endsWith("/") ? path + "index.html" : path));
  if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404); res.end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const results = [];
async function step(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`FAIL ${name}: ${e.message.split("\n")[0]}`);
  }
}
function check(cond, what) {
  if (!cond) throw new Error(what);
}

// An organisation that won a social order: the journey ends on the order's timeline.
const orgDir = join(site, "kk", "org");
const winner = readdirSync(orgDir).sort().find((f) => {
  const html = readFileSync(join(orgDir, f), "utf8");
  return /href="[^"]*\/order\//.test(html);
});
check(winner, "no organisation of the sample won a social order");
const winnerHtml = readFileSync(join(orgDir, winner), "utf8");
const kazakhName = winnerHtml.match(/<h1>(.*?)<\/h1>/)[1].replace(/&#?\w+;/g, "");
// Part of the Kazakh name: its quoted part's first word and more (as a person would type it).
const quoted = (kazakhName.match(/«([^»]+)»/) ?? [null, kazakhName])[1];
const part = quoted;
const bin = winner.replace(".html", "");

const profile = mkdtempSync(join(tmpdir(), "engo-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  viewport: { width: 1200, height: 900 },
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on("pageerror", (e) => consoleErrors.push(e.message));

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const axeReport = [];
async function axe(label) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeReport.push({ page: label, url: page.url(), violations: found });
  check(bad.length === 0, `axe on ${label}: ${bad.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ")}`);
}

await step("home page opens, in Kazakh, with key figures and charts", async () => {
  await page.goto(base + "index.html");
  check((await page.getAttribute("html", "lang")) === "kk", "lang of the home is not kk");
  check((await page.locator("ul.figures li").count()) >= 5, "no key figures");
  check((await page.locator("figure.chart svg").count()) >= 4, "fewer than 4 charts");
  await page.screenshot({ path: join(artefacts, "home.png") });
  await page.screenshot({ path: join(artefacts, "home-full.png"), fullPage: true });
  await axe("home");
});

await step(`search by part of the Kazakh name (“${part}”)`, async () => {
  await page.fill("#q", part);
  await page.press("#q", "Enter");
  await page.waitForURL(/search\.html\?q=/);
  await page.waitForSelector("#results ul.hits a");
  const hit = page.locator(`#results a[href$="/org/${bin}.html"]`);
  check((await hit.count()) === 1, `the organisation ${bin} is not among the results`);
  await page.screenshot({ path: join(artefacts, "search.png") });
  await axe("search with results");
  await hit.click();
  await page.waitForURL(new RegExp(`/kk/org/${bin}\\.html$`));
});

await step("the organisation's page", async () => {
  const h1 = await page.textContent("h1");
  check(h1.includes(quoted.slice(0, 4)), `h1 is ${h1}`);
  check((await page.locator("table.facts th[scope=row]").count()) >= 8, "no registry table");
  await page.screenshot({ path: join(artefacts, "organization.png") });
  await page.screenshot({ path: join(artefacts, "organization-full.png"), fullPage: true });
  await axe("organisation");
});

await step("switch language to Russian, then English", async () => {
  await page.click('nav.langs a[hreflang="ru"]');
  await page.waitForURL(new RegExp(`/ru/org/${bin}\\.html$`));
  check((await page.getAttribute("html", "lang")) === "ru", "lang is not ru");
  check((await page.textContent("h2")).length > 0, "no heading");
  await page.screenshot({ path: join(artefacts, "organization-ru.png") });
  await page.click('nav.langs a[hreflang="en"]');
  await page.waitForURL(new RegExp(`/en/org/${bin}\\.html$`));
  check((await page.getAttribute("html", "lang")) === "en", "lang is not en");
  await page.click('nav.langs a[hreflang="ru"]');
  await page.waitForURL(/\/ru\/org\//);
});

await step("follow a social order to its timeline", async () => {
  await page.locator('a[href*="/order/"]').first().click();
  await page.waitForURL(/\/ru\/order\/.+\.html$/);
  const events = await page.locator("ol.timeline li").count();
  check(events > 0, "the timeline has no event");
  check((await page.locator("ol.timeline time[datetime]").count()) === events, "events without a time");
  await page.locator("#timeline").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artefacts, "order-timeline.png") });
  await page.screenshot({ path: join(artefacts, "order-full.png"), fullPage: true });
  await axe("social order");
});

// axe-core on the other main types of page.
const others = [
  ["grant", "kk/list/grants-1.html", 'a[href*="/grant/"]'],
  ["project", "kk/list/projects-1.html", 'a[href*="/project/"]'],
  ["award", "en/list/awards-1.html", 'a[href*="/award/"]'],
];
for (const [label, list, link] of others) {
  await step(`${label} page (axe)`, async () => {
    await page.goto(base + list);
    await axe(`list of ${label}s`);
    await page.locator(`main ${link}`).first().click();
    await page.waitForLoadState();
    await axe(label);
  });
}
for (const [label, path] of [
  ["region", "kk/region/75.html"], ["priority area", "ru/area/EDU.html"],
  ["downloads", "kk/downloads.html"], ["findings", "en/findings.html"],
]) {
  await step(`${label} page (axe)`, async () => {
    const response = await page.goto(base + path);
    check(response.ok(), `${path}: ${response.status()}`);
    await axe(label);
  });
}

await step("no script error on any page", async () => {
  check(consoleErrors.length === 0, consoleErrors.join("; "));
});

await context.close();
server.close();
rmSync(profile, { recursive: true, force: true });

const { writeFileSync } = await import("node:fs");
writeFileSync(join(artefacts, "axe.json"), JSON.stringify(axeReport, null, 2));
const counted = {};
for (const r of axeReport) for (const v of r.violations) counted[v.impact] = (counted[v.impact] ?? 0) + 1;
console.log(`axe-core: ${axeReport.length} pages, violations by impact: ${JSON.stringify(counted)}`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
