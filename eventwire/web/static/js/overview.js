// Overview: counts, QuadClass mix, events per month (click a month for its events), PLOVER types,
// top dyads and top actors. Every count here is of events (deduplicated), not of mentions.
import { loadCharts, periodChart, fillPeriods } from "./charts.js";
import { QUADS, QUAD_COLOURS, PLOVER, actorLabel, api, card, downloads, el, fmt, go, hashFor, quadCount, scroller, text } from "./dom.js";
import { periodRange } from "./periods.js";

export async function viewOverview(root) {
  const [stats, dyads, actors, Chart] = await Promise.all([
    api("/api/stats"), api("/api/dyads", { limit: 10 }), api("/api/actors", { limit: 12 }), loadCharts()]);
  const kpi = (n, label, title) => el("div", { class: "kpi", title },
    el("div", { class: "n" }, fmt(n)), el("div", { class: "l" }, label));
  const monthly = el("div", { class: "chart-box", id: "month-chart" });
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
        el("h3", {}, "Events per month"), monthly,
        el("p", { class: "muted" }, "Click a month to list its events."),
        downloads("/api/stats", {}, "events and mentions per month"), el("br"), downloads("/api/events", {}, "all events")),
      card("overview-plover", "PLOVER event types (events)", ploverBars(stats.plover_counts || {})),
      card("overview-dyads", "Top dyads (events, both directions)", dyadTable(dyads.items),
        downloads("/api/dyads", { limit: 1000 }, "top dyads")),
      card("overview-actors", "Top actors (events)", actorTable(actors.items),
        downloads("/api/actors", { limit: 1000 }, "top actors"))));
  drawMonths(Chart, monthly, stats.by_month || []);
}

function drawMonths(Chart, holder, rows) {
  if (!rows.length) { holder.replaceChildren(el("p", { class: "muted" }, "No dated events yet.")); return; }
  const periods = fillPeriods(new Map(rows.map((r) => [r.period, r])), "month");
  periodChart(Chart, holder, {
    periods, by: "month", unit: "events",
    bars: [1, 2, 3, 4].map((q) => ({ label: QUADS[q], colour: QUAD_COLOURS[q], value: (r) => quadCount(r, q) })),
    footer: (p) => (p && p.row && p.row.mentions !== undefined ? `${fmt(p.row.events)} events, reported in ${fmt(p.row.mentions)} mentions` : null),
    onPick: (start) => go("events", periodRange(start, "month")),
  });
}

export function quadBar(counts) {
  const total = [1, 2, 3, 4].reduce((s, q) => s + (counts[q] || 0), 0) || 1;
  return el("div", {},
    el("div", { class: "bar", role: "img", "aria-label": "QuadClass mix" },
      [1, 2, 3, 4].map((q) => el("div", { class: "q" + q, style: `width:${(100 * (counts[q] || 0)) / total}%`,
        title: `${QUADS[q]}: ${fmt(counts[q] || 0)} events` }))),
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
