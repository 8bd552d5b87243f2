// The site's service worker: reading without a connection (blackouts, a failing network).
// - Pages: the network first; if it has not answered in 3 s, or fails, the copy kept from the
//   last visit; else the offline page listing what is kept. Each page read online is kept.
// - The home page, the news list and the latest 30 articles (their text, no photos: an article
//   read offline shows each photo's description) are kept and renewed while online, unless the
//   device asks to save data.
// - The stylesheet, script and icon: kept at their fingerprinted addresses.
// - Nothing of the newsroom (/admin), previews, the API or forms is ever kept or answered here.
// - A page is kept as this device got it: with Save-Data its gallery is closed (Vary: Save-Data).
//   The device's setting is the same for every page it keeps, and offline no photo shows either way.
"use strict";

const VERSION = "v1";
const PAGES = `visnyk-pages-${VERSION}`;
const ASSETS = `visnyk-assets-${VERSION}`;
const INDEX = "/__visnyk/offline-index";
const LATEST = 30;
const TIMEOUT = 3000;
const RENEW_EVERY = 10 * 60 * 1000;

const languageOf = (path) => (path === "/en" || path.startsWith("/en/") ? "en" : "uk");
const prefixOf = (language) => (language === "en" ? "/en" : "");
const mayKeep = (url) => url.origin === self.location.origin
  && !/^\/(en\/)?(admin|preview|api|subscribe|unsubscribe|feedback|search)(\/|$)/.test(url.pathname)
  && !url.pathname.startsWith("/__visnyk/");

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const pages = await caches.open(PAGES);
    await Promise.all(["/offline", "/en/offline"].map(async (path) => {
      const response = await fetch(path, { credentials: "omit" });
      if (response.ok) await pages.put(path, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("visnyk-") && name !== PAGES && name !== ASSETS) await caches.delete(name);
    }
    await self.clients.claim();
    await renew("uk");
  })());
});

// The latest news of a language kept for reading offline, with the list the offline page shows.
// Not when the device asks to save data: then only the pages the reader opens are kept.
async function renew(language) {
  if (self.navigator.connection?.saveData) return;
  const pages = await caches.open(PAGES);
  const index = await readIndex(pages);
  const known = index[language];
  if (known && Date.now() - known.at < RENEW_EVERY) return;
  const prefix = prefixOf(language);
  const answer = await fetch(`/api/v1/news?pageSize=${LATEST}&lang=${language}`, { credentials: "omit", cache: "no-cache" });
  if (!answer.ok) return;
  const news = (await answer.json()).items;
  // The offline page too: it carries the notices of its time, which must not outlive theirs.
  const keep = [prefix || "/", `${prefix}/news`, `${prefix}/offline`, ...news.map((n) => new URL(n.url).pathname)];
  await Promise.all(keep.map(async (path) => {
    try {
      const response = await fetch(path, { credentials: "omit", cache: "no-cache" });
      if (response.ok) await pages.put(path, response);
    } catch { /* the next renewal tries again */ }
  }));
  index[language] = { at: Date.now(), items: news.map((n) => ({ path: new URL(n.url).pathname, title: n.title })) };
  await pages.put(INDEX, new Response(JSON.stringify(index), { headers: { "Content-Type": "application/json" } }));
}

async function readIndex(pages) {
  const stored = await pages.match(INDEX);
  return stored ? stored.json() : {};
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (!mayKeep(url)) return;
    event.respondWith(page(event, request, url));
  } else if (/^\/(css|js)\/|^\/favicon\.svg$/.test(url.pathname)) {
    event.respondWith(asset(request));
  }
});

async function page(event, request, url) {
  const pages = await caches.open(PAGES);
  const key = url.pathname + url.search;
  try {
    // Asked of the site each time (its ETag makes that cheap): pages carry no Cache-Control, and a
    // browser's own cache would keep them by their Last-Modified for weeks.
    const response = await withTimeout(fetch(request, { cache: "no-cache" }), TIMEOUT);
    if (response.ok && !response.headers.has("Set-Cookie")) {
      event.waitUntil(pages.put(key, response.clone()));
      if (url.pathname === "/" || url.pathname === "/en") event.waitUntil(renew(languageOf(url.pathname)));
    }
    return response;
  } catch {
    return (await pages.match(key)) ?? (await offline(pages, languageOf(url.pathname)));
  }
}

// The offline page, with the list of what is kept and since when.
async function offline(pages, language) {
  const prefix = prefixOf(language);
  const shell = await pages.match(`${prefix}/offline`);
  if (!shell) return Response.error();
  const index = (await readIndex(pages))[language] ?? { at: null, items: [] };
  const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  let html = await shell.text();
  const template = /<template id="offline-item">([\s\S]*?)<\/template>/.exec(html)?.[1] ?? "";
  const items = [];
  for (const item of index.items) {
    if (await pages.match(item.path)) items.push(template.replace("{href}", escape(item.path)).replace("{title}", escape(item.title)));
  }
  const time = index.at ? new Intl.DateTimeFormat(language === "en" ? "en-GB" : "uk-UA", { timeZone: "Europe/Kyiv", dateStyle: "long", timeStyle: "short" }).format(new Date(index.at)) : "";
  html = html.replace("<!--offline-items-->", items.join(""));
  if (time) html = html.replace('<p class="offline-time" hidden>', '<p class="offline-time">').replace("<!--offline-time-->", escape(time));
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function asset(request) {
  const assets = await caches.open(ASSETS);
  const kept = await assets.match(request);
  if (kept) return kept;
  try {
    const response = await fetch(request);
    if (response.ok) await assets.put(request, response.clone());
    return response;
  } catch {
    return Response.error();
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}
