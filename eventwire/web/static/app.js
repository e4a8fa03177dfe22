// eventwire dashboard: plain JavaScript, no external assets, works offline.
// Everything that comes from articles is untrusted: it only ever reaches the page as text nodes
// (textContent / createTextNode), never as HTML, and links are kept only when they are http(s).
"use strict";

const QUADS = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;  // CSSOM, allowed by the CSP (style attributes are not)
    else if (key === "onclick") node.addEventListener("click", value);
    else if (key === "onchange") node.addEventListener("change", value);
    else if (key === "onsubmit") node.addEventListener("submit", value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "onclick") node.addEventListener("click", value);
    else if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function safeHref(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const url = path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = JSON.stringify((await response.json()).detail); } catch (e) { /* keep statusText */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

function fmt(n, digits) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return digits === undefined ? Number(n).toLocaleString() : Number(n).toFixed(digits);
}

function actorLabel(code, name) {
  if (name && code && name !== code) return `${name} (${code})`;
  return name || code || "?";
}

function setStatus(text) { document.getElementById("status").textContent = text; }

function quadBar(counts) {
  const total = [1, 2, 3, 4].reduce((s, q) => s + (counts[q] || 0), 0) || 1;
  return el("div", {},
    el("div", { class: "bar", role: "img", "aria-label": "QuadClass mix" },
      [1, 2, 3, 4].map((q) => el("div", { class: "q" + q, style: `width:${(100 * (counts[q] || 0)) / total}%`,
        title: `${QUADS[q]}: ${counts[q] || 0}` }))),
    el("div", { class: "legend" }, [1, 2, 3, 4].map((q) =>
      el("span", {}, el("i", { class: "q" + q }), `${QUADS[q]} ${fmt(counts[q] || 0)}`))));
}

// ---------------------------------------------------------------- overview
async function viewOverview(root) {
  const [stats, dyads, actors] = await Promise.all([
    api("/api/stats"), api("/api/dyads", { limit: 10 }), api("/api/actors", { limit: 12 })]);
  const kpi = (n, l) => el("div", { class: "kpi" }, el("div", { class: "n" }, fmt(n)), el("div", { class: "l" }, l));
  root.append(
    el("h2", {}, "Overview"),
    el("div", { class: "kpis", id: "kpis" },
      kpi(stats.events, "events"), kpi(stats.mentions, "event mentions"), kpi(stats.articles, "articles"),
      kpi(stats.stories, "stories"), kpi(stats.quotes, "quotes"),
      el("div", { class: "kpi" }, el("div", { class: "n" }, `${stats.first_date || "–"} → ${stats.last_date || "–"}`),
        el("div", { class: "l" }, "event dates"))),
    el("div", { class: "grid" },
      el("div", { class: "card" }, el("h3", {}, "QuadClass mix"), quadBar(stats.quad_counts || {}),
        el("h3", {}, "Events per month"), monthChart(stats.by_month || [])),
      el("div", { class: "card" }, el("h3", {}, "PLOVER event types"), ploverBars(stats.plover_counts || {})),
      el("div", { class: "card" }, el("h3", {}, "Top dyads"), dyadTable(dyads.items)),
      el("div", { class: "card" }, el("h3", {}, "Top actors"), actorTable(actors.items))));
}

function monthChart(rows) {
  const width = 460, height = 150, pad = 24;
  if (!rows.length) return el("p", { class: "muted" }, "No dated events yet.");
  const max = Math.max(...rows.map((r) => [1, 2, 3, 4].reduce((s, q) => s + (r["q" + q] || 0), 0)), 1);
  const bw = (width - pad * 2) / rows.length;
  const bars = [];
  rows.forEach((row, i) => {
    let y = height - pad;
    for (const q of [1, 2, 3, 4]) {
      const h = ((row["q" + q] || 0) / max) * (height - pad * 2);
      if (h > 0) bars.push(svg("rect", { x: pad + i * bw + 1, y: y - h, width: Math.max(bw - 2, 1), height: h,
        class: "q" + q }, svg("title", {}, `${row.period} ${QUADS[q]}: ${row["q" + q]}`)));
      y -= h;
    }
    if (i % Math.ceil(rows.length / 8) === 0)
      bars.push(svg("text", { x: pad + i * bw + bw / 2, y: height - 8, "text-anchor": "middle" }, String(row.period).slice(2)));
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%" }, bars);
}

function ploverBars(counts) {
  const entries = PLOVER.map((t) => [t, counts[t] || 0]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return el("table", {}, el("tbody", {}, entries.map(([type, n]) => el("tr", { class: "clickable",
    onclick: () => { location.hash = "#/events?plover=" + encodeURIComponent(type); } },
  el("td", {}, type), el("td", { style: "width:60%" },
    el("div", { class: "bar" }, el("div", { class: "q" + quadOfPlover(type), style: `width:${(100 * n) / max}%` }))),
  el("td", {}, fmt(n))))));
}

function quadOfPlover(type) {
  if (["AGREE", "CONSULT", "SUPPORT", "CONCEDE"].includes(type)) return 1;
  if (["COOPERATE", "AID", "RETREAT"].includes(type)) return 2;
  if (["REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"].includes(type)) return 3;
  return 4;
}

function dyadTable(items) {
  return el("table", { class: "dyads" }, el("thead", {}, el("tr", {}, el("th", {}, "Actor A"), el("th", {}, "Actor B"),
    el("th", {}, "Events"), el("th", {}, "Mean Goldstein"))),
  el("tbody", {}, items.map((d) => el("tr", { class: "clickable",
    onclick: () => { location.hash = `#/dyads?a=${encodeURIComponent(d.a)}&b=${encodeURIComponent(d.b)}`; } },
  el("td", {}, actorLabel(d.a, d.a_name)), el("td", {}, actorLabel(d.b, d.b_name)), el("td", {}, fmt(d.events)),
  el("td", {}, fmt(d.goldstein_mean, 2))))));
}

function actorTable(items) {
  return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Actor"), el("th", {}, "As source"),
    el("th", {}, "As target"), el("th", {}, "Events"))),
  el("tbody", {}, items.map((a) => el("tr", { class: "clickable",
    onclick: () => { location.hash = "#/events?actor=" + encodeURIComponent(a.code); } },
  el("td", {}, actorLabel(a.code, a.name)), el("td", {}, fmt(a.as_source)), el("td", {}, fmt(a.as_target)),
  el("td", {}, fmt(a.events))))));
}

// ---------------------------------------------------------------- dyad explorer
async function viewDyads(root, params) {
  let a = params.get("a"), b = params.get("b");
  const by = params.get("by") || "month";
  if (!a || !b) {
    const top = await api("/api/dyads", { limit: 1 });
    if (!top.items.length) { root.append(el("h2", {}, "Dyad explorer"), el("p", { class: "muted" }, "No dyads yet.")); return; }
    a = top.items[0].a; b = top.items[0].b;
  }
  const form = el("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    location.hash = `#/dyads?a=${encodeURIComponent(f.get("a"))}&b=${encodeURIComponent(f.get("b"))}&by=${f.get("by")}`;
  } },
  el("label", {}, "Actor A", el("input", { name: "a", value: a, required: true })),
  el("label", {}, "Actor B", el("input", { name: "b", value: b, required: true })),
  el("label", {}, "Period", el("select", { name: "by" }, ["day", "week", "month"].map((p) =>
    el("option", { value: p, selected: p === by }, p)))),
  el("button", { type: "submit" }, "Show"));
  const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { by });
  root.append(el("h2", {}, `Dyad explorer: ${a} ↔ ${b}`), form,
    el("div", { class: "card", id: "dyad-chart" }, el("h3", {}, "Cooperation vs conflict (both directions), mean Goldstein"),
      dyadChart(data.series)),
    el("div", { class: "card" }, el("h3", {}, "Per period"), seriesTable(data.series)),
    el("p", {}, el("a", { href: `#/events?actor=${encodeURIComponent(a)}&actor2=${encodeURIComponent(b)}` }, "Show these events")));
}

function dyadChart(series) {
  if (!series.length) return el("p", { class: "muted" }, "No events between these actors.");
  const periods = [...new Set(series.map((s) => s.period))].sort();
  const agg = periods.map((p) => {
    const rows = series.filter((s) => s.period === p);
    const coop = rows.reduce((s, r) => s + r.q1 + r.q2, 0), conf = rows.reduce((s, r) => s + r.q3 + r.q4, 0);
    const n = rows.reduce((s, r) => s + r.events, 0);
    const g = n ? rows.reduce((s, r) => s + r.goldstein_mean * r.events, 0) / n : 0;
    return { p, coop, conf, g };
  });
  const width = 900, height = 260, pad = 34;
  const max = Math.max(1, ...agg.map((r) => Math.max(r.coop, r.conf)));
  const x = (i) => pad + (agg.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (agg.length - 1));
  const y = (v) => height - pad - (v / max) * (height - 2 * pad);
  const yg = (g) => height / 2 - (g / 10) * (height / 2 - pad);
  const line = (key, yf) => agg.map((r, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${yf(r[key]).toFixed(1)}`).join(" ");
  const items = [
    svg("line", { x1: pad, x2: width - pad, y1: yg(0), y2: yg(0), stroke: "#ccc", "stroke-dasharray": "3 3" }),
    svg("path", { d: line("coop", y), fill: "none", stroke: "#4c9f70", "stroke-width": 2.5 }),
    svg("path", { d: line("conf", y), fill: "none", stroke: "#c4453b", "stroke-width": 2.5 }),
    svg("path", { d: line("g", yg), fill: "none", stroke: "#2f5fa8", "stroke-width": 1.5, "stroke-dasharray": "5 3" }),
  ];
  agg.forEach((r, i) => {
    items.push(svg("circle", { cx: x(i), cy: y(r.coop), r: 3.5, fill: "#4c9f70" }, svg("title", {}, `${r.p}: cooperation ${r.coop}`)));
    items.push(svg("circle", { cx: x(i), cy: y(r.conf), r: 3.5, fill: "#c4453b" }, svg("title", {}, `${r.p}: conflict ${r.conf}`)));
    if (agg.length <= 16 || i % Math.ceil(agg.length / 12) === 0)
      items.push(svg("text", { x: x(i), y: height - 10, "text-anchor": "middle" }, r.p));
  });
  items.push(svg("text", { x: pad, y: 14 }, "green: cooperation events · red: conflict events · blue dashed: mean Goldstein (−10..+10)"));
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%" }, items);
}

function seriesTable(series) {
  return el("table", {}, el("thead", {}, el("tr", {}, ["Period", "Direction", ...Object.values(QUADS), "Mean Goldstein"].map((h) => el("th", {}, h)))),
    el("tbody", {}, series.map((s) => el("tr", {}, el("td", {}, s.period), el("td", {}, s.direction),
      el("td", {}, fmt(s.q1)), el("td", {}, fmt(s.q2)), el("td", {}, fmt(s.q3)), el("td", {}, fmt(s.q4)),
      el("td", {}, fmt(s.goldstein_mean, 2))))));
}

// ---------------------------------------------------------------- network
async function viewNetwork(root, params) {
  const minEvents = params.get("min_events") || 1;
  const data = await api("/api/network", { min_events: minEvents, from: params.get("from"), to: params.get("to") });
  root.append(el("h2", {}, "Actor network"),
    el("p", { class: "muted" }, "Node size: events; edge colour: mean Goldstein (red conflict, green cooperation); width: events. Click a node for its events."),
    el("div", { class: "card", id: "network" }, networkSvg(data)));
}

function networkSvg(data) {
  const width = 900, height = 560;
  const nodes = data.nodes.map((n, i) => ({ ...n, x: width / 2 + 200 * Math.cos((2 * Math.PI * i) / data.nodes.length),
    y: height / 2 + 200 * Math.sin((2 * Math.PI * i) / data.nodes.length), vx: 0, vy: 0 }));
  if (!nodes.length) return el("p", { class: "muted" }, "No edges yet.");
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = data.edges.filter((e) => index.has(e.source) && index.has(e.target));
  for (let step = 0; step < 300; step++) {  // a small spring-electric layout, deterministic
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y; const d2 = Math.max(dx * dx + dy * dy, 25);
      const f = 4000 / d2; const d = Math.sqrt(d2); dx /= d; dy /= d;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const e of edges) {
      const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
      const dx = b.x - a.x, dy = b.y - a.y; const d = Math.sqrt(dx * dx + dy * dy) || 1; const f = (d - 120) * 0.02;
      a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
    }
    for (const n of nodes) {
      n.vx += (width / 2 - n.x) * 0.005; n.vy += (height / 2 - n.y) * 0.005;
      n.x = Math.min(width - 40, Math.max(40, n.x + n.vx * 0.5)); n.y = Math.min(height - 20, Math.max(20, n.y + n.vy * 0.5));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const maxW = Math.max(1, ...edges.map((e) => e.weight)), maxN = Math.max(1, ...nodes.map((n) => n.events));
  const colour = (g) => (g >= 0 ? `rgb(${Math.round(160 - g * 10)},${Math.round(160 + g * 6)},${Math.round(120)})`
    : `rgb(${Math.round(180 - g * 5)},${Math.round(110 + g * 6)},${Math.round(100 + g * 4)})`);
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%" },
    edges.map((e) => {
      const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
      return svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour(e.goldstein_mean || 0),
        "stroke-width": 1 + (5 * e.weight) / maxW, "stroke-opacity": 0.7 },
      svg("title", {}, `${e.source} → ${e.target}: ${e.weight} events, mean Goldstein ${fmt(e.goldstein_mean, 2)}`));
    }),
    nodes.map((n) => svg("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      onclick: () => { location.hash = "#/events?actor=" + encodeURIComponent(n.id); } },
    svg("circle", { r: 5 + 14 * Math.sqrt(n.events / maxN), fill: "#2f5fa8", "fill-opacity": 0.8 }),
    svg("text", { x: 0, y: -10 - 14 * Math.sqrt(n.events / maxN), "text-anchor": "middle" }, n.label || n.id),
    svg("title", {}, `${n.label || n.id}: ${n.events} events`))));
}

// ---------------------------------------------------------------- map
let worldCache = null;
async function viewMap(root) {
  const [world, places] = await Promise.all([
    worldCache || fetch("/static/world.json").then((r) => r.json()), api("/api/places")]);
  worldCache = world;
  const width = 960, height = 480;
  const px = (lon) => ((lon + 180) / 360) * width, py = (lat) => ((90 - lat) / 180) * height;
  const countries = world.countries.map((c) => svg("path", { class: "country",
    d: c.rings.map((ring) => ring.map(([lon, lat], i) => `${i ? "L" : "M"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("") + "Z").join("") },
  svg("title", {}, c.name)));
  const feats = places.features || [];
  const maxN = Math.max(1, ...feats.map((f) => f.properties.events));
  const dots = feats.map((f) => {
    const [lon, lat] = f.geometry.coordinates; const p = f.properties;
    return svg("circle", { class: "dot" + (p.conflict_share < 0.5 ? " coop" : ""), cx: px(lon), cy: py(lat),
      r: 3 + 12 * Math.sqrt(p.events / maxN), onclick: () => { location.hash = "#/events?place=" + encodeURIComponent(p.name); } },
    svg("title", {}, `${p.name}${p.country ? ", " + p.country : ""}: ${p.events} events (${Math.round(100 * p.conflict_share)}% conflict)`));
  });
  root.append(el("h2", {}, "Where events happen"),
    el("p", { class: "muted" }, `${feats.length} places. Red: mostly conflict; green: mostly cooperation. Click a place for its events.`),
    el("div", { class: "card map-wrap", id: "map" }, svg("svg", { viewBox: `0 0 ${width} ${height}` }, countries, dots)));
}

// ---------------------------------------------------------------- events
const FILTERS = ["actor", "actor2", "source", "target", "plover", "cameo", "from", "to", "place", "q"];

async function viewEvents(root, params) {
  const page = Number(params.get("page") || 1);
  const query = { page, page_size: 50 };
  for (const key of FILTERS) if (params.get(key)) query[key] = params.get(key);
  const form = el("form", { class: "filters", id: "event-filters", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target); const q = new URLSearchParams();
    for (const key of FILTERS) if (f.get(key)) q.set(key, f.get(key));
    location.hash = "#/events?" + q;
  } },
  el("label", {}, "Actor", el("input", { name: "actor", value: params.get("actor") || "", placeholder: "code or name" })),
  el("label", {}, "Source", el("input", { name: "source", value: params.get("source") || "", size: 8 })),
  el("label", {}, "Target", el("input", { name: "target", value: params.get("target") || "", size: 8 })),
  el("label", {}, "PLOVER type", el("select", { name: "plover" }, el("option", { value: "" }, "any"),
    PLOVER.map((t) => el("option", { value: t, selected: params.get("plover") === t }, t)))),
  el("label", {}, "CAMEO", el("input", { name: "cameo", value: params.get("cameo") || "", size: 5 })),
  el("label", {}, "From", el("input", { name: "from", type: "date", value: params.get("from") || "" })),
  el("label", {}, "To", el("input", { name: "to", type: "date", value: params.get("to") || "" })),
  el("label", {}, "Place", el("input", { name: "place", value: params.get("place") || "", size: 10 })),
  el("label", {}, "Text", el("input", { name: "q", value: params.get("q") || "", placeholder: "words in the sentence" })),
  el("input", { type: "hidden", name: "actor2", value: params.get("actor2") || "" }),
  el("button", { type: "submit" }, "Filter"),
  el("button", { type: "button", class: "secondary", onclick: () => { location.hash = "#/events"; } }, "Clear"));
  const data = await api("/api/events", query);
  const download = (format) => { const q = new URLSearchParams(query); q.set("format", format); q.delete("page"); q.set("page_size", 1000); return "/api/events?" + q; };
  root.append(el("h2", {}, "Events"), form,
    el("p", { class: "muted" }, `${fmt(data.total)} events · download `, el("a", { href: download("csv") }, "CSV"), " · ",
      el("a", { href: download("jsonl") }, "JSONL")),
    el("div", { class: "card" }, el("table", { id: "events-table" },
      el("thead", {}, el("tr", {}, ["Date", "Source", "Event", "Target", "Modes", "Goldstein", "Sources", "Place", "Sentence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, data.items.map((ev) => el("tr", { class: "clickable", "data-id": ev.id,
        onclick: () => { location.hash = "#/event/" + encodeURIComponent(ev.id); } },
      el("td", {}, ev.date || "–"), el("td", {}, actorLabel(ev.source_code, ev.source_name)),
      el("td", {}, el("span", { class: "pill" }, ev.plover_type), ev.cameo),
      el("td", {}, actorLabel(ev.target_code, ev.target_name)),
      el("td", {}, (ev.modes || []).map((m) => el("span", { class: "pill mode" }, m))),
      el("td", {}, fmt(ev.goldstein, 1)), el("td", {}, fmt(ev.num_sources)), el("td", {}, ev.location_name || ""),
      el("td", {}, truncate(ev.sentence, 140))))))),
    el("div", { class: "pager" },
      el("button", { class: "secondary", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Previous"),
      `page ${page} of ${Math.max(1, Math.ceil(data.total / data.page_size))}`,
      el("button", { class: "secondary", disabled: page * data.page_size >= data.total, onclick: () => go(page + 1) }, "Next ›")));
  function go(p) { params.set("page", p); location.hash = "#/events?" + params; }
}

function truncate(text, n) { text = text || ""; return text.length > n ? text.slice(0, n - 1) + "…" : text; }

// ---------------------------------------------------------------- event detail
async function viewEvent(root, id) {
  const data = await api("/api/events/" + encodeURIComponent(id));
  const ev = data.event;
  root.append(el("h2", {}, `${actorLabel(ev.source_code, ev.source_name)} → ${ev.plover_type} → ${actorLabel(ev.target_code, ev.target_name)}`),
    el("div", { class: "grid" },
      el("div", { class: "card", id: "event-detail" },
        el("h3", {}, "Coding"),
        el("table", {}, el("tbody", {},
          row("CAMEO", `${ev.cameo} ${ev.cameo_name || ""}`), row("PLOVER", ev.plover_type),
          row("Modes", (ev.modes || []).length ? ev.modes.join(", ") : "none (asserted)"),
          row("Context", (ev.contexts || []).join(", ") || "–"),
          row("Goldstein / QuadClass", `${fmt(ev.goldstein, 1)} / ${QUADS[ev.quad_class] || ev.quad_class}`),
          row("Date", `${ev.date || "–"} (from ${ev.date_source || "unknown"})`),
          row("Location", ev.location_name ? `${ev.location_name}${ev.location_country ? ", " + ev.location_country : ""} (${ev.location_precision || "?"})` : "–"),
          row("Reported by", `${fmt(ev.num_mentions)} mentions in ${fmt(ev.num_articles)} articles from ${fmt(ev.num_sources)} sources`)))),
      el("div", { class: "card" }, el("h3", {}, "Mentions"),
        data.mentions.map((m) => el("div", { class: "mention" },
          el("p", { class: "sentence" }, highlight(m)),
          el("p", { class: "muted" }, `rule ${m.rule || "–"} · model ${m.model || "–"} · confidence ${fmt(m.confidence, 2)} · `,
            el("a", { href: "#/article/" + encodeURIComponent(m.article_id) }, "article")))))),
    el("div", { class: "card" }, el("h3", {}, "Articles"), data.articles.map(articleHeader)),
    data.quotes.length ? el("div", { class: "card" }, el("h3", {}, "Quotes in these articles"),
      data.quotes.map((q) => el("blockquote", {}, q.text, el("div", { class: "muted" }, "— " + (q.speaker_name || q.speaker_text || "unknown"))))) : null);
}

function row(label, value) { return el("tr", {}, el("th", {}, label), el("td", {}, value)); }

function highlight(m) {
  // Build the sentence from text pieces around the spans; every piece is a text node.
  const spans = [["src", m.source_start, m.source_end], ["tgt", m.target_start, m.target_end], ["trg", m.trigger_start, m.trigger_end]]
    .filter(([, s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s).sort((a, b) => a[1] - b[1]);
  const text = m.sentence || ""; const out = []; let pos = 0;
  for (const [cls, start, end] of spans) {
    if (start < pos) continue;
    out.push(text.slice(pos, start), el("mark", { class: cls, title: { src: "source", tgt: "target", trg: "trigger" }[cls] }, text.slice(start, end)));
    pos = end;
  }
  out.push(text.slice(pos));
  return out;
}

function articleHeader(a) {
  const href = safeHref(a.url);
  return el("div", { class: "article-head" },
    el("strong", {}, el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || "(untitled)")),
    el("div", { class: "muted" }, `${a.source || ""} · ${a.published || ""} · `, href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, href) : (a.url || "")));
}

async function viewArticle(root, id) {
  const a = await api("/api/articles/" + encodeURIComponent(id));
  root.append(el("h2", {}, a.title || "(untitled)"), articleHeader(a),
    el("p", { class: "muted" }, `Dateline: ${[a.dateline && a.dateline.place, a.dateline && a.dateline.country, a.dateline && a.dateline.agency].filter(Boolean).join(", ") || "–"}`),
    el("div", { class: "article-text", id: "article-text" }, a.text || ""),
    el("div", { class: "card" }, el("h3", {}, "Quotes"), (a.quotes || []).map((q) =>
      el("blockquote", {}, q.text, el("div", { class: "muted" }, "— " + ((q.speaker && (q.speaker.name || q.speaker.text)) || "unknown"))))),
    el("div", { class: "card" }, el("h3", {}, "Events"), el("ul", {}, (a.events || []).map((ev) =>
      el("li", {}, el("a", { href: "#/event/" + encodeURIComponent(ev.id) }, `${actorLabel(ev.source_code, ev.source_name)} ${ev.plover_type} ${actorLabel(ev.target_code, ev.target_name)}`))))));
}

// ---------------------------------------------------------------- router
const VIEWS = { overview: viewOverview, dyads: viewDyads, network: viewNetwork, map: viewMap, events: viewEvents };

async function route() {
  const hash = location.hash.replace(/^#\/?/, "") || "overview";
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  const [view, id] = path.split("/");
  const root = document.getElementById("view");
  root.replaceChildren();
  for (const link of document.querySelectorAll("header nav a")) link.classList.toggle("active", link.dataset.view === view);
  setStatus("loading…");
  try {
    if (view === "event" && id) await viewEvent(root, decodeURIComponent(id));
    else if (view === "article" && id) await viewArticle(root, decodeURIComponent(id));
    else await (VIEWS[view] || viewOverview)(root, params);
    setStatus("");
  } catch (error) {
    root.append(el("p", { class: "error" }, "Could not load this view: " + error.message));
    setStatus("error");
  }
  document.body.dataset.ready = view || "overview";
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
