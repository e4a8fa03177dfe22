// Actor network on Cytoscape.js (vendored): the strongest edges only (top-N and a minimum weight),
// a force layout that makes room for labels, labels thinned so that none overlaps another, and
// clicks that drill down (node -> that actor's events, edge -> that dyad).
import { actorLabel, api, card, downloads, el, fmt, go, hashFor, loadScript, plural, scroller } from "./dom.js";

const TOP_N = [25, 50, 100, 200, 300];
const DEFAULT_TOP_N = 50;
const LABEL_PX = 12;

export async function viewNetwork(root, params) {
  const limit = TOP_N.includes(Number(params.get("limit"))) ? Number(params.get("limit")) : DEFAULT_TOP_N;
  const query = { limit, min_events: params.get("min_events") || 1, date_from: params.get("date_from"), date_to: params.get("date_to") };
  const [data] = await Promise.all([api("/api/network", query), loadScript("/static/vendor/cytoscape/cytoscape.min.js")]);
  const box = el("div", { class: "network-box", id: "network-canvas" });
  const tip = el("div", { class: "tip", role: "status", hidden: true });
  root.append(el("h2", {}, "Actor network"), controls(query),
    el("p", { class: "muted" }, "Node size: events the actor took part in; edge width: events from one actor to the other; ",
      "edge colour: mean Goldstein (red conflict, green cooperation). Click a node for its events, an edge for that dyad; ",
      "scroll or pinch to zoom. Labels that would overlap are hidden until you zoom in."),
    card("network", null, el("div", { class: "network-wrap" }, box, tip),
      el("p", { class: "muted", id: "network-summary" }, `${fmt(data.nodes.length)} actors, ${fmt(data.edges.length)} edges shown.`),
      downloads("/api/network", query, "these edges")),
    card("network-edges", "Strongest edges", edgeTable(data)));
  if (!data.nodes.length) { box.replaceChildren(el("p", { class: "muted" }, "No edges with these settings.")); return; }
  draw(box, tip, data);
}

function controls(query) {
  return el("form", { class: "filters", id: "network-form", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    go("network", { limit: f.get("limit"), min_events: f.get("min_events") > 1 ? f.get("min_events") : null,
      date_from: f.get("date_from"), date_to: f.get("date_to") });
  } },
  el("label", {}, "Strongest edges", el("select", { name: "limit" }, TOP_N.map((n) =>
    el("option", { value: n, selected: n === query.limit }, `top ${n}`)))),
  el("label", { title: "hide edges with fewer events than this" }, "Min. events per edge", el("input", { name: "min_events", type: "number", min: 1, value: query.min_events, class: "short" })),
  el("label", {}, "From", el("input", { name: "date_from", type: "date", value: query.date_from || "" })),
  el("label", {}, "To", el("input", { name: "date_to", type: "date", value: query.date_to || "" })),
  el("button", { type: "submit" }, "Show"));
}

const weightOf = (edge) => edge.events ?? edge.weight;

function describeEdge(e, names) {
  const mentions = e.mentions !== undefined ? `, reported in ${plural(e.mentions, "mention", "mentions")}` : "";
  return `${names.get(e.source)} → ${names.get(e.target)}: ${plural(weightOf(e), "event", "events")}${mentions}; `
    + `mean Goldstein ${fmt(e.goldstein_mean, 2)}`;
}

function edgeTable(data) {
  const names = new Map(data.nodes.map((n) => [n.id, actorLabel(n.id, n.label)]));
  return scroller(el("table", { class: "edges" },
    el("thead", {}, el("tr", {}, el("th", {}, "From → to"), el("th", { class: "num" }, "Events"), el("th", { class: "num" }, "Goldstein"))),
    el("tbody", {}, data.edges.slice(0, 15).map((e) => el("tr", { class: "clickable", title: "Open this dyad",
      onclick: () => { location.hash = hashFor("dyads", { a: e.source, b: e.target }); } },
    el("td", {}, `${names.get(e.source)} → ${names.get(e.target)}`), el("td", { class: "num" }, fmt(weightOf(e))),
    el("td", { class: "num" }, fmt(e.goldstein_mean, 2)))))));
}

function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 6));  // most means fall within ±6
  return t >= 0 ? `rgb(${Math.round(150 - 90 * t)},${Math.round(150 + 10 * t)},${Math.round(140 - 50 * t)})`
    : `rgb(${Math.round(150 - 60 * t)},${Math.round(150 + 80 * t)},${Math.round(140 + 70 * t)})`;
}

let live = null;  // the current view's graph: destroyed when the view changes (it listens on window)

export function destroyNetwork() {
  if (live) live.destroy();
  live = null;
}

function draw(box, tip, data) {
  // the answer may arrive after the user has moved to another view: a graph in a detached box would
  // keep listening on window and fail there (Cytoscape reads its renderer, which is gone)
  if (!box.isConnected) return;
  const names = new Map(data.nodes.map((n) => [n.id, n.label || n.id]));
  const maxNode = Math.max(1, ...data.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...data.edges.map(weightOf));
  const ids = new Set(data.nodes.map((n) => n.id));
  // start on an ellipse of the box's shape, so that the layout spreads over a wide box, not a square in it
  const rx = Math.max(200, box.clientWidth / 2 - 40), ry = Math.max(150, box.clientHeight / 2 - 30);
  const elements = [
    ...data.nodes.map((n, i) => ({ group: "nodes", data: { id: n.id, label: names.get(n.id), events: n.events, mentions: n.mentions, rank: i,
      size: 10 + 34 * Math.sqrt(n.events / maxNode) },
    position: { x: rx * Math.cos((2 * Math.PI * i) / data.nodes.length), y: ry * Math.sin((2 * Math.PI * i) / data.nodes.length) } })),
    ...data.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ group: "edges", data: {
      id: "e" + i, source: e.source, target: e.target, width: 1 + 7 * (weightOf(e) / maxEdge),
      colour: goldsteinColour(e.goldstein_mean), describe: describeEdge(e, names) } })),
  ];
  claimCytoscapeStylesheet();
  const cy = window.cytoscape({
    container: box, elements, minZoom: 0.2, maxZoom: 4,
    style: [
      { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "#2f5fa8",
        "background-opacity": 0.85, label: "data(label)", "font-size": LABEL_PX, color: "#1d232b", "text-valign": "top",
        "text-margin-y": -3, "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1 } },
      { selector: "node.nolabel", style: { "text-opacity": 0, "text-background-opacity": 0 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.7, "curve-style": "bezier", opacity: 0.75 } },
      { selector: "edge.hover", style: { opacity: 1, "z-index": 10 } },
    ],
    layout: { name: "preset" },
  });
  cy.layout({ name: "cose", randomize: false, animate: false, nodeDimensionsIncludeLabels: true, fit: true,
    boundingBox: { x1: -rx, y1: -ry, w: 2 * rx, h: 2 * ry },
    padding: 20, nodeRepulsion: () => 60000, idealEdgeLength: () => 140, nodeOverlap: 40, gravity: 0.5, componentSpacing: 80, numIter: 2000 }).run();
  live = cy;
  box.cy = cy;  // for the e2e test, which clicks edges where they are drawn
  relabel(cy);
  let pending = false;
  cy.on("zoom pan resize", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; if (!cy.destroyed()) relabel(cy); });
  });
  cy.on("tap", "node", (e) => go("events", { actor: e.target.id() }));
  cy.on("tap", "edge", (e) => go("dyads", { a: e.target.data("source"), b: e.target.data("target") }));
  const show = (message, position) => {
    tip.textContent = message;
    tip.hidden = false;
    tip.style.left = `${Math.min(position.x + 12, box.clientWidth - 220)}px`;
    tip.style.top = `${position.y + 12}px`;
  };
  cy.on("mouseover", "node", (e) => show(`${actorLabel(e.target.id(), e.target.data("label"))}: `
    + `${plural(e.target.data("events"), "event", "events")}${e.target.data("mentions") !== undefined
      ? `, reported in ${plural(e.target.data("mentions"), "mention", "mentions")}` : ""}. Click for the list.`, e.renderedPosition));
  cy.on("mouseover", "edge", (e) => { e.target.addClass("hover"); show(`${e.target.data("describe")}. Click for this dyad.`, e.renderedPosition); });
  cy.on("mouseout", "node, edge", (e) => { e.target.removeClass("hover"); tip.hidden = true; });
}

/**
 * Cytoscape injects a <style> element (one rule: its container is position: relative) unless an
 * element with this id exists; the CSP forbids inline style, so app.css carries that rule instead
 * and this placeholder keeps Cytoscape from trying.
 */
function claimCytoscapeStylesheet() {
  const id = "__________cytoscape_stylesheet";
  if (!document.getElementById(id)) document.head.appendChild(el("meta", { id, name: "cytoscape-stylesheet", content: "app.css" }));
}

/**
 * Labels keep one size on screen whatever the zoom (a fitted large network would otherwise shrink
 * them below reading size); zooming in then makes room, and more labels show.
 */
function relabel(cy) {
  const size = LABEL_PX / cy.zoom();
  cy.style().selector("node").style({ "font-size": size, "text-margin-y": -3 / cy.zoom() }).update();
  thinLabels(cy);
}

/** Show the labels of the biggest actors first and hide any label that would overlap one shown. */
export function thinLabels(cy) {
  const kept = [];
  const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  cy.batch(() => {
    for (const node of cy.nodes().sort((a, b) => a.data("rank") - b.data("rank"))) {
      const box = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const visible = box.w > 0 && !kept.some((k) => overlaps(k, box));
      node.toggleClass("nolabel", !visible);
      if (visible) kept.push(box);
    }
  });
}
