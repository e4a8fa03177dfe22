// DOM and data helpers shared by every view.
// Everything that comes from articles is untrusted: it only ever reaches the page as text nodes
// (textContent / createTextNode), never as HTML, and links are kept only when they are http(s).

export const QUADS = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
export const QUAD_COLOURS = { 1: "#4c9f70", 2: "#1f6f4a", 3: "#e0913a", 4: "#c4453b" };
export const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const SVG_NS = "http://www.w3.org/2000/svg";
const EVENTS_ON = { onclick: "click", onchange: "change", onsubmit: "submit", oninput: "input" };

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;  // CSSOM, allowed by the CSP (style attributes are not)
    else if (EVENTS_ON[key]) node.addEventListener(EVENTS_ON[key], value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "onclick") node.addEventListener("click", value);
    else if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function safeHref(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

function queryString(params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  return query.toString();
}

export async function api(path, params) {
  const qs = queryString(params);
  const response = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = JSON.stringify((await response.json()).detail); } catch (e) { /* keep statusText */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

// The largest ``limit`` a download may ask (the API's own cap): "all of them" for top lists.
export const EVERY_ROW = 1000000;

// "CSV · Parquet" links for the whole answer of a list endpoint (streamed by the server, never cut
// to a page: no page or page_size is sent).
export function downloads(path, params, what) {
  const link = (format, label) => {
    const qs = queryString({ ...params, page: null, page_size: null, format });
    return el("a", { href: path + "?" + qs, download: "", class: "download", "data-format": format }, label);
  };
  return el("span", { class: "downloads" }, `Download ${what}: `, link("csv", "CSV"), " · ", link("parquet", "Parquet"));
}

// QuadClass counts are named in the API (verbal_cooperation ...); older servers sent q1..q4.
const QUAD_KEYS = { 1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict" };
export function quadCount(row, q) { return row[QUAD_KEYS[q]] ?? row["q" + q] ?? 0; }

/** An event's PLOVER modes (``plover_mode``; ``modes`` from older servers). */
export function modesOf(ev) { return ev.plover_mode || ev.modes || []; }

/** A number for display; missing values show as an en dash, never "null" or "NaN". */
export function fmt(n, digits) {
  if (n === null || n === undefined || n === "" || Number.isNaN(Number(n))) return "–";
  return digits === undefined ? Number(n).toLocaleString("en") : Number(n).toFixed(digits);
}

/** Text for display; missing values show as an en dash. */
export function text(value) {
  return value === null || value === undefined || value === "" ? "–" : String(value);
}

/** "Name (CODE)": the name whenever it is known, so codes such as IGOUNO are never shown bare. */
export function actorLabel(code, name) {
  if (name && code && name !== code) return `${name} (${code})`;
  return name || code || "?";
}

export function plural(n, one, many) { return `${fmt(n)} ${Number(n) === 1 ? one : many}`; }

export function truncate(value, n) {
  const s = value || "";
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

export function setStatus(message) { document.getElementById("status").textContent = message; }

export function hashFor(view, params) {
  const qs = queryString(params);
  return `#/${view}${qs ? "?" + qs : ""}`;
}

export function go(view, params) { location.hash = hashFor(view, params); }

const loaded = new Map();
/** Load a vendored script once (only from our own /static/vendor/: the CSP allows nothing else). */
export function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const tag = el("script", { src });
      tag.addEventListener("load", resolve);
      tag.addEventListener("error", () => reject(new Error("could not load " + src)));
      document.head.appendChild(tag);
    }));
  }
  return loaded.get(src);
}

export function card(id, title, ...children) {
  return el("div", { class: "card", id }, title ? el("h3", {}, title) : null, ...children);
}

/** A table that scrolls inside its card rather than making the page scroll sideways. */
export function scroller(table) { return el("div", { class: "table-scroll" }, table); }
