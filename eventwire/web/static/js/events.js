// Events: every filter the list applies is a visible field of the form (none hidden), columns sort
// on a click, and the whole filtered set downloads (CSV or Parquet, streamed, not a page of it).
import { actorInput } from "./complete.js";
import { PLOVER, QUADS, actorLabel, api, card, downloads, el, fmt, go, modesOf, plural, scroller, text, truncate } from "./dom.js";

// The API's filter vocabulary (docs/api.md); the form has a field for every one of them.
export const FILTERS = ["actor", "actor2", "source", "target", "plover", "cameo", "quad", "date_from", "date_to",
  "mode", "exclude_mode", "min_confidence", "coded_only", "place", "q", "story"];
const MORE = ["quad", "mode", "exclude_mode", "min_confidence", "coded_only", "story"];  // folded unless set
const OLD_NAMES = { from: "date_from", to: "date_to" };  // links made before the rename keep working
const MODES = ["negation", "hypothetical", "future", "historical"];
const PAGE_SIZE = 50;
// column -> the API's sort key (columns without one do not sort)
const COLUMNS = [["Date", "date"], ["Source", null], ["Event", null], ["Target", null], ["Modes", null],
  ["Goldstein", "goldstein"], ["Mentions", "mentions"], ["Sources", "sources"], ["Confidence", "confidence"],
  ["Place", null], ["Sentence", null]];

export async function viewEvents(root, params) {
  const page = Number(params.get("page") || 1);
  const sort = params.get("sort") || "date", order = params.get("order") === "asc" ? "asc" : "desc";
  for (const [old, name] of Object.entries(OLD_NAMES)) if (params.get(old) && !params.get(name)) params.set(name, params.get(old));
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  const data = await api("/api/events", { ...filters, sort, order, page, page_size: PAGE_SIZE });
  const state = { filters, sort, order };
  const capped = data.total_exact === false;
  root.append(el("h2", {}, "Events"), filterForm(params),
    // on millions of events the server stops counting at a cap (total_exact: false): say so
    el("p", { class: "muted", id: "events-total" }, capped ? `More than ${fmt(data.total)} events match (counted up to ${fmt(data.total)}). `
      : `${plural(data.total, "event", "events")} match. `,
      downloads("/api/events", { ...filters, sort, order }, `all ${fmt(data.total)}`)),
    card("events-card", null, scroller(el("table", { id: "events-table", class: "events" },
      el("thead", {}, el("tr", {}, COLUMNS.map(([label, key]) => header(label, key, state)))),
      el("tbody", {}, data.items.length ? data.items.map(eventRow)
        : el("tr", {}, el("td", { colspan: COLUMNS.length, class: "muted" }, "No events match these filters.")))))),
    el("div", { class: "pager" },
      el("button", { class: "secondary", disabled: page <= 1, onclick: () => turn(page - 1) }, "‹ Previous"),
      `page ${fmt(page)} of ${fmt(Math.max(1, Math.ceil(data.total / data.page_size)))}${capped ? "+" : ""}`,
      el("button", { class: "secondary", disabled: page * data.page_size >= data.total, onclick: () => turn(page + 1) }, "Next ›")));
  function turn(p) { go("events", { ...filters, sort: sortParam(state), order: orderParam(state), page: p }); }
}

const sortParam = (s) => (s.sort === "date" && s.order === "desc" ? null : s.sort);
const orderParam = (s) => (s.sort === "date" && s.order === "desc" ? null : s.order);

function header(label, key, state) {
  const cls = ["Goldstein", "Mentions", "Sources", "Confidence"].includes(label) ? "num" : null;
  if (!key) return el("th", { class: cls }, label);
  const active = state.sort === key;
  const next = active && state.order === "desc" ? "asc" : "desc";
  const arrow = active ? (state.order === "desc" ? " ▼" : " ▲") : "";
  return el("th", { class: cls, "aria-sort": active ? (state.order === "desc" ? "descending" : "ascending") : "none" },
    el("button", { type: "button", class: "sort", "data-sort": key, title: `Sort by ${label.toLowerCase()} (${next === "desc" ? "highest" : "lowest"} first)`,
      onclick: () => go("events", { ...state.filters, ...(key === "date" && next === "desc" ? {} : { sort: key, order: next }) }) },
    label + arrow));
}

function eventRow(ev) {
  const date = ev.date_precision && ev.date_precision !== "day" ? `${text(ev.date)} (${ev.date_precision})` : text(ev.date);
  return el("tr", { class: "clickable", "data-id": ev.id, onclick: () => { location.hash = "#/event/" + encodeURIComponent(ev.id); } },
    el("td", { class: "nowrap" }, date), el("td", {}, actorLabel(ev.source_code, ev.source_name)),
    el("td", {}, el("span", { class: "pill" }, text(ev.plover_type)), " ", text(ev.cameo)),
    el("td", {}, actorLabel(ev.target_code, ev.target_name)),
    el("td", { class: "col-modes" }, modesOf(ev).map((m) => el("span", { class: "pill mode" }, m))),
    el("td", { class: "num" }, fmt(ev.goldstein, 1)), el("td", { class: "num" }, fmt(ev.num_mentions)),
    el("td", { class: "num" }, fmt(ev.num_sources)), el("td", { class: "num" }, fmt(ev.confidence, 2)),
    el("td", { class: "col-place" }, ev.location_name || ""), el("td", { class: "col-sentence" }, truncate(ev.sentence, 140)));
}

/** A <select> of ``options`` ([value, label]) that also keeps a value not among them (e.g. "ASSAULT,COERCE"). */
function choice(name, current, options) {
  const known = options.some(([v]) => v === current);
  return el("select", { name }, el("option", { value: "" }, "any"),
    !known && current ? el("option", { value: current, selected: true }, current) : null,
    options.map(([v, label]) => el("option", { value: v, selected: v === current }, label)));
}

function filterForm(params) {
  const value = (key) => params.get(key) || "";
  const field = (label, input, title) => el("label", { title }, label, input);
  const moreSet = MORE.some((key) => value(key));
  return el("form", { class: "filters", id: "event-filters", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target); const chosen = {};
    for (const key of FILTERS) if (String(f.get(key) || "").trim()) chosen[key] = String(f.get(key)).trim();
    go("events", chosen);
  } },
  field("Actor", actorInput("actor", value("actor")), "either side of the event: a name, a code or a code prefix"),
  field("With actor", actorInput("actor2", value("actor2")), "with Actor: events between the two, both directions"),
  field("Source", actorInput("source", value("source"), { class: "short" })),
  field("Target", actorInput("target", value("target"), { class: "short" })),
  field("PLOVER type", choice("plover", value("plover"), PLOVER.map((t) => [t, t]))),
  field("CAMEO", el("input", { name: "cameo", value: value("cameo"), class: "short", placeholder: "e.g. 19" }),
    "CAMEO code prefix(es), comma-separated"),
  field("From", el("input", { name: "date_from", type: "date", value: value("date_from") })),
  field("To", el("input", { name: "date_to", type: "date", value: value("date_to") })),
  field("Place", el("input", { name: "place", value: value("place"), class: "short" })),
  field("Text", el("input", { name: "q", value: value("q"), placeholder: "words in the sentence" })),
  el("span", { class: "buttons" }, el("button", { type: "submit" }, "Filter"),
    el("button", { type: "button", class: "secondary", onclick: () => go("events", {}) }, "Clear")),
  el("details", { class: "more", open: moreSet || null }, el("summary", {}, "More filters"),
    el("div", { class: "filters" },
      field("QuadClass", choice("quad", value("quad"), Object.entries(QUADS).map(([q, label]) => [q, `${q} ${label}`]))),
      field("Mode", choice("mode", value("mode"), [["none", "none (asserted)"], ...MODES.map((m) => [m, m])]),
        "events with this PLOVER mode"),
      field("Without mode", choice("exclude_mode", value("exclude_mode"), MODES.map((m) => [m, m]))),
      field("Min. confidence", el("input", { name: "min_confidence", type: "number", min: 0, max: 1, step: 0.05,
        value: value("min_confidence"), class: "short" })),
      field("Coded actors only", el("select", { name: "coded_only" }, el("option", { value: "" }, "no"),
        el("option", { value: "true", selected: value("coded_only") === "true" }, "yes")),
      "only events whose source and target both have a CAMEO actor code"),
      field("Story", el("input", { name: "story", value: value("story"), class: "short" })))));
}
