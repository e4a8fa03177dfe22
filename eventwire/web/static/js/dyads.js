// Dyad explorer: cooperation and conflict events between two actors per period (both directions),
// mean Goldstein on its own axis, and the numbers per period and direction. A click on a period
// lists its events; the period is chosen to stay readable unless the user picks one.
import { fillPeriods, loadCharts, periodChart } from "./charts.js";
import { actorInput, nameOf } from "./complete.js";
import { QUAD_COLOURS, actorLabel, api, card, downloads, el, fmt, go, hashFor, plural, quadCount, scroller } from "./dom.js";
import { periodLabel, periodRange, periodStart, readablePeriod } from "./periods.js";

const PERIODS = ["auto", "day", "week", "month", "year"];
const TABLE_OPEN_ROWS = 40;  // longer tables start folded

export async function viewDyads(root, params) {
  let a = params.get("a"), b = params.get("b");
  const chosen = PERIODS.includes(params.get("by")) ? params.get("by") : "auto";
  if (!a || !b) {
    const top = await api("/api/dyads", { limit: 1 });
    if (!top.items.length) { root.append(el("h2", {}, "Dyad explorer"), el("p", { class: "muted" }, "No dyads yet.")); return; }
    a = top.items[0].a; b = top.items[0].b;
  }
  const seriesPath = `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`;
  const [Chart, monthly] = await Promise.all([loadCharts(), api(seriesPath, { by: "month" })]);
  const by = chosen === "auto" ? autoPeriod(monthly.series) : chosen;
  const data = by === "month" ? monthly : await api(seriesPath, { by });
  const [aName, bName] = await Promise.all([data.a_name || nameOf(a), data.b_name || nameOf(b)]);
  const title = `${actorLabel(a, aName)} ↔ ${actorLabel(b, bName)}`;
  const holder = el("div", { class: "chart-box tall", id: "dyad-canvas" });
  const dyadEvents = { actor: a, actor2: b };
  root.append(el("h2", {}, "Dyad explorer: ", el("span", { id: "dyad-title" }, title)), form(a, b, chosen),
    card("dyad-chart", `Cooperation and conflict events per ${by} (both directions), mean Goldstein`, holder,
      el("p", { class: "muted" }, chosen === "auto" ? `Period chosen for readability: ${by}. ` : "",
        "Click a period to list its events. ",
        el("a", { id: "dyad-events", href: hashFor("events", dyadEvents) }, "Show all events of this dyad"))),
    card("dyad-table", "Per period and direction", periodTable(data.series, by, a, b),
      downloads(seriesPath, { by }, "this series")));
  if (!data.series.length) { holder.replaceChildren(el("p", { class: "muted" }, "No events between these actors.")); return; }
  drawDyad(Chart, holder, data.series, by, (start) => go("events", { ...dyadEvents, ...periodRange(start, by) }));
}

function form(a, b, by) {
  return el("form", { class: "filters", id: "dyad-form", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    go("dyads", { a: f.get("a").trim(), b: f.get("b").trim(), by: f.get("by") === "auto" ? null : f.get("by") });
  } },
  el("label", {}, "Actor A", actorInput("a", a, { required: true })),
  el("label", {}, "Actor B", actorInput("b", b, { required: true })),
  el("label", {}, "Period", el("select", { name: "by" }, PERIODS.map((p) =>
    el("option", { value: p, selected: p === by }, p === "auto" ? "auto (readable)" : p)))),
  el("button", { type: "submit" }, "Show"));
}

function autoPeriod(monthlySeries) {
  const starts = monthlySeries.map((s) => periodStart(s.period)).filter(Boolean).sort((x, y) => x - y);
  if (!starts.length) return "month";
  const last = starts[starts.length - 1];
  return readablePeriod(starts[0], new Date(last.getFullYear(), last.getMonth() + 1, 0));
}

/** Both directions of a period added up: events per QuadClass, mentions, event-weighted mean Goldstein. */
function perPeriod(series) {
  const out = new Map();
  for (const s of series) {
    const row = out.get(s.period) || { coop: 0, conflict: 0, events: 0, mentions: null, goldsteinSum: 0, scored: 0 };
    row.coop += quadCount(s, 1) + quadCount(s, 2);
    row.conflict += quadCount(s, 3) + quadCount(s, 4);
    row.events += s.events || 0;
    if (s.mentions !== undefined && s.mentions !== null) row.mentions = (row.mentions || 0) + s.mentions;
    if (s.goldstein_mean !== null && s.goldstein_mean !== undefined) {
      row.goldsteinSum += s.goldstein_mean * (s.events || 0);
      row.scored += s.events || 0;
    }
    out.set(s.period, row);
  }
  for (const row of out.values()) row.goldstein = row.scored ? row.goldsteinSum / row.scored : null;
  return out;
}

function drawDyad(Chart, holder, series, by, onPick) {
  periodChart(Chart, holder, {
    periods: fillPeriods(perPeriod(series), by), by, unit: "events", onPick,
    bars: [{ label: "Cooperation (QuadClass 1-2)", colour: QUAD_COLOURS[1], value: (r) => r.coop },
      { label: "Conflict (QuadClass 3-4)", colour: QUAD_COLOURS[4], value: (r) => r.conflict }],
    line: { label: "Mean Goldstein", colour: "#2f5fa8", value: (r) => r.goldstein, axisTitle: "mean Goldstein (−10..+10)",
      min: -10, max: 10, describe: (v) => `Mean Goldstein: ${fmt(v, 2)} (−10 conflict … +10 cooperation)` },
    footer: (p) => (p && p.row && p.row.mentions !== null
      ? `${plural(p.row.events, "event", "events")}, reported in ${plural(p.row.mentions, "mention", "mentions")}` : null),
  });
}

function periodTable(series, by, a, b) {
  // a row lists its events: that direction (a->b: source a, target b) in that period
  const events = (s) => {
    const start = periodStart(s.period);
    const [source, target] = s.direction === `${b}->${a}` ? [b, a] : [a, b];
    return hashFor("events", { source, target, ...(start ? periodRange(start, by) : {}) });
  };
  const hasMentions = series.some((s) => s.mentions !== undefined);
  const head = ["Period", "Direction", "Coop. events", "Conflict events", "Events", ...(hasMentions ? ["Mentions"] : []), "Mean Goldstein"];
  const table = scroller(el("table", { class: "series" },
    el("thead", {}, el("tr", {}, head.map((h, i) => el("th", { class: i > 1 ? "num" : null }, h)))),
    el("tbody", {}, series.map((s) => el("tr", { class: "clickable", title: "List these events",
      onclick: () => { location.hash = events(s); } },
      el("td", {}, periodStart(s.period) ? periodLabel(periodStart(s.period), by) : s.period), el("td", {}, s.direction),
      el("td", { class: "num" }, fmt(quadCount(s, 1) + quadCount(s, 2))), el("td", { class: "num" }, fmt(quadCount(s, 3) + quadCount(s, 4))),
      el("td", { class: "num" }, fmt(s.events)), hasMentions ? el("td", { class: "num" }, fmt(s.mentions)) : null,
      el("td", { class: "num" }, fmt(s.goldstein_mean, 2)))))));
  if (series.length <= TABLE_OPEN_ROWS) return table;
  return el("details", {}, el("summary", {}, `${fmt(series.length)} rows`), table);
}
