// Overview: counts, QuadClass mix, events per month (click a month for its events), PLOVER types,
// top dyads and top actors. Every count here is of events (deduplicated), not of mentions.
import { loadCharts, periodChart, fillPeriods } from "./charts.js";
import { EVERY_ROW, QUADS, QUAD_COLOURS, PLOVER, actorLabel, api, card, downloads, el, fmt, go, hashFor, plural, quadCount, scroller, text } from "./dom.js";
import { periodLabel, periodRange, periodStart } from "./periods.js";

export async function viewOverview(root) {
  const [stats, dyads, actors, Chart] = await Promise.all([
    api("/api/stats"), api("/api/dyads", { limit: 10 }), api("/api/actors", { limit: 12 }), loadCharts()]);
  const kpi = (n, label, title) => el("div", { class: "kpi", title },
    el("div", { class: "n" }, fmt(n)), el("div", { class: "l" }, label));
  const monthly = el("div", { class: "chart-box", id: "month-chart" });
  const monthlyTitle = el("h3", {}, "Events per month");
  const monthlyNote = el("p", { class: "muted", id: "month-chart-note" });
  root.append(
    el("h2", {}, "Overview"),
    el("div", { class: "kpis", id: "kpis" },
      kpi(stats.events, "events", "deduplicated events: one per who-did-what-to-whom-when, however often reported"),
      kpi(stats.mentions, "event mentions", "reports of those events: one per sentence that reports one"),
      kpi(stats.articles, "articles"), kpi(stats.stories, "stories"), kpi(stats.quotes, "quotes"),
      el("div", { class: "kpi" }, el("div", { class: "n" }, `${text(stats.first_date)} → ${text(stats.last_date)}`),
        el("div", { class: "l" }, "event dates"))),
    el("div", { class: "grid" },
      card("overview-mix", "QuadClass mix (events)", quadBar(stats.quad_counts || {}),
        monthlyTitle, monthly, monthlyNote, el("p", { class: "muted" }, "Click a bar to list its events."),
        downloads("/api/stats", {}, "events and mentions per month"), el("br"), downloads("/api/events", {}, "all events")),
      card("overview-plover", "PLOVER event types (events)", ploverBars(stats.plover_counts || {})),
      card("overview-dyads", "Top dyads (events, both directions)", dyadTable(dyads.items),
        downloads("/api/dyads", { limit: EVERY_ROW }, "all dyads, by events")),
      card("overview-actors", "Top actors (events)", actorTable(actors.items),
        downloads("/api/actors", { limit: EVERY_ROW }, "all actors, by events"))));
  drawMonths(Chart, monthly, monthlyTitle, monthlyNote, stats.by_month || []);
}

const MONTHS_SHOWN = 120;  // longer spans are drawn per year: a bar per month would be a hairline
const STRAY_SHARE = 0.005;  // at most this share of events, far before or after the rest, is set aside

/**
 * Events per month (per year over long spans). A few events dated far from the rest (often a
 * misread date) would squeeze the real range into a sliver: they are set aside, said so, and one
 * click shows them.
 */
function drawMonths(Chart, holder, title, note, rows, everything = false) {
  if (!rows.length) { holder.replaceChildren(el("p", { class: "muted" }, "No dated events yet.")); return; }
  const [first, last] = everything ? [0, rows.length - 1] : mainRange(rows);
  const shown = rows.slice(first, last + 1);
  const months = shown.map((r) => periodStart(r.period)).filter(Boolean);
  const span = (months[months.length - 1].getFullYear() - months[0].getFullYear()) * 12
    + months[months.length - 1].getMonth() - months[0].getMonth() + 1;
  const by = span > MONTHS_SHOWN ? "year" : "month";
  title.textContent = by === "year" ? "Events per year" : "Events per month";
  const periods = fillPeriods(by === "year" ? perYear(shown) : new Map(shown.map((r) => [r.period, r])), by);
  periodChart(Chart, holder, {
    periods, by, unit: "events",
    bars: [1, 2, 3, 4].map((q) => ({ label: QUADS[q], colour: QUAD_COLOURS[q], value: (r) => quadCount(r, q) })),
    footer: (p) => (p && p.row && p.row.mentions !== undefined
      ? `${plural(p.row.events, "event", "events")}, reported in ${plural(p.row.mentions, "mention", "mentions")}` : null),
    onPick: (start) => go("events", periodRange(start, by)),
  });
  const before = rows.slice(0, first).reduce((n, r) => n + eventsOf(r), 0);
  const after = rows.slice(last + 1).reduce((n, r) => n + eventsOf(r), 0);
  if (!before && !after) { note.replaceChildren(); return; }
  const label = (r) => periodLabel(periodStart(r.period), "month");
  note.replaceChildren(
    [before ? `${fmt(before)} events dated before ${label(shown[0])}` : null,
      after ? `${fmt(after)} dated after ${label(shown[shown.length - 1])}` : null].filter(Boolean).join(" and "),
    " are not drawn (dates far from the rest are often misread). ",
    el("button", { type: "button", class: "link", id: "month-chart-all",
      onclick: () => { note.replaceChildren(); drawMonths(Chart, holder, title, note, rows, true); } }, "Show all dates"));
}

function eventsOf(row) { return row.events ?? [1, 2, 3, 4].reduce((n, q) => n + quadCount(row, q), 0); }

/** [first, last] indexes of the rows that hold all but the stray share of events at either end. */
function mainRange(rows) {
  const cut = rows.reduce((n, r) => n + eventsOf(r), 0) * STRAY_SHARE;
  let first = 0, last = rows.length - 1;
  for (let seen = 0; first < last && seen + eventsOf(rows[first]) <= cut; first++) seen += eventsOf(rows[first]);
  for (let seen = 0; last > first && seen + eventsOf(rows[last]) <= cut; last--) seen += eventsOf(rows[last]);
  return [first, last];
}

/** Month rows added up per year (events, mentions and each QuadClass), keyed by the year's first day. */
function perYear(rows) {
  const years = new Map();
  for (const row of rows) {
    const start = periodStart(row.period);
    if (!start) continue;
    const key = `${start.getFullYear()}-01-01`;
    const sum = years.get(key) || {};
    for (const [name, value] of Object.entries(row)) if (typeof value === "number") sum[name] = (sum[name] || 0) + value;
    years.set(key, sum);
  }
  return years;
}

export function quadBar(counts) {
  const total = [1, 2, 3, 4].reduce((s, q) => s + (counts[q] || 0), 0) || 1;
  return el("div", {},
    el("div", { class: "bar", role: "img", "aria-label": "QuadClass mix" },
      [1, 2, 3, 4].map((q) => el("div", { class: "q" + q + " clickable", style: `width:${(100 * (counts[q] || 0)) / total}%`,
        title: `${QUADS[q]}: ${fmt(counts[q] || 0)} events. Click to list them.`, onclick: () => go("events", { quad: q }) }))),
    el("div", { class: "legend" }, [1, 2, 3, 4].map((q) =>
      el("span", {}, el("i", { class: "q" + q }), `${QUADS[q]} ${fmt(counts[q] || 0)}`))));
}

function ploverBars(counts) {
  const entries = PLOVER.map((t) => [t, counts[t] || 0]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return el("table", { class: "plover" }, el("tbody", {}, entries.map(([type, n]) => el("tr", {
    class: "clickable", title: `${type}: ${fmt(n)} events. Click to list them.`, onclick: () => go("events", { plover: type }) },
  el("td", {}, type), el("td", { class: "barcell" },
    el("div", { class: "bar" }, el("div", { class: "q" + quadOfPlover(type), style: `width:${(100 * n) / max}%` }))),
  el("td", { class: "num" }, fmt(n))))));
}

function quadOfPlover(type) {
  if (["AGREE", "CONSULT", "SUPPORT", "CONCEDE"].includes(type)) return 1;
  if (["COOPERATE", "AID", "RETREAT"].includes(type)) return 2;
  if (["REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"].includes(type)) return 3;
  return 4;
}

function dyadTable(items) {
  return scroller(el("table", { class: "dyads" }, el("thead", {}, el("tr", {}, el("th", {}, "Dyad"),
    el("th", { class: "num" }, "Events"), el("th", { class: "num", title: "mean Goldstein score, −10 (conflict) to +10 (cooperation)" }, "Goldstein"))),
  el("tbody", {}, items.map((d) => el("tr", { class: "clickable", title: "Open this dyad",
    onclick: () => { location.hash = hashFor("dyads", { a: d.a, b: d.b }); } },
  el("td", {}, el("span", { class: "dyad-a" }, actorLabel(d.a, d.a_name)), " ↔ ", el("span", { class: "dyad-b" }, actorLabel(d.b, d.b_name))),
  el("td", { class: "num" }, fmt(d.events)), el("td", { class: "num" }, fmt(d.goldstein_mean, 2)))))));
}

function actorTable(items) {
  return scroller(el("table", { class: "actors" }, el("thead", {}, el("tr", {}, el("th", {}, "Actor"), el("th", { class: "num" }, "As source"),
    el("th", { class: "num" }, "As target"), el("th", { class: "num" }, "Events"))),
  el("tbody", {}, items.map((a) => el("tr", { class: "clickable", title: "List this actor's events",
    onclick: () => go("events", { actor: a.code }) },
  el("td", {}, actorLabel(a.code, a.name)), el("td", { class: "num" }, fmt(a.as_source)), el("td", { class: "num" }, fmt(a.as_target)),
  el("td", { class: "num" }, fmt(a.events)))))));
}
