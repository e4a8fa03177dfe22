// One event with its evidence (every mention's sentence, trigger, rule, model, confidence and how
// the decision was made), and one article. Missing values show as "–", never as "null".
import { QUADS, actorLabel, api, card, el, fmt, modesOf, plural, safeHref, text } from "./dom.js";

// Evidence fields of a mention: [label, read(mention)]; rows with nothing to show are left out
// (newer coders add rule_type, model_type, model_prob, decided_by, reported, symmetric and code sources).
const EVIDENCE = [
  ["Trigger", (m) => m.trigger_text],
  ["Rule", (m) => m.rule, true], ["Rule type", (m) => m.rule_type],
  ["Model", (m) => m.model, true], ["Model type", (m) => m.model_type],
  ["Model probability", (m) => (isNumber(m.model_prob) ? fmt(m.model_prob, 3) : null)],
  ["Confidence", (m) => fmt(m.confidence, 2), true],
  ["Decided by", (m) => m.decided_by],
  ["Reported speech", (m) => (typeof m.reported === "boolean" ? (m.reported ? "yes: a claim someone is quoted making" : "no") : m.reported)],
  ["Symmetric", (m) => (typeof m.symmetric === "boolean" ? (m.symmetric ? "yes: done by each side to the other, coded once" : "no") : m.symmetric)],
  ["Source actor code from", (m) => m.source_code_source ?? (m.source && m.source.code_source)],
  ["Target actor code from", (m) => m.target_code_source ?? (m.target && m.target.code_source)],
];

function isNumber(v) { return typeof v === "number" && !Number.isNaN(v); }

export async function viewEvent(root, id) {
  const data = await api("/api/events/" + encodeURIComponent(id));
  const ev = data.event;
  const location = ev.location_name
    ? `${ev.location_name}${ev.location_country ? ", " + ev.location_country : ""}${ev.location_precision ? ` (${ev.location_precision})` : ""}` : "–";
  const date = `${text(ev.date)}${ev.date_precision ? ` (precision: ${ev.date_precision})` : ""}${ev.date_source ? `, from ${ev.date_source}` : ""}`;
  root.append(el("h2", {}, `${actorLabel(ev.source_code, ev.source_name)} → ${text(ev.plover_type)} → ${actorLabel(ev.target_code, ev.target_name)}`),
    el("div", { class: "grid" },
      card("event-detail", "Coding", el("table", { class: "facts" }, el("tbody", {},
        row("CAMEO", [ev.cameo, ev.cameo_name].filter(Boolean).join(" ") || "–"), row("PLOVER", text(ev.plover_type)),
        row("Modes", modesOf(ev).length ? modesOf(ev).join(", ") : "none (asserted)"),
        row("Context", (ev.plover_context || ev.contexts || []).join(", ") || "–"),
        row("Goldstein / QuadClass", `${fmt(ev.goldstein, 1)} / ${QUADS[ev.quad_class] || text(ev.quad_class)}`),
        row("Date", date), row("Location", location),
        row("Reported by", `${plural(ev.num_mentions, "mention", "mentions")} in ${plural(ev.num_articles, "article", "articles")} `
          + `from ${plural(ev.num_sources, "source", "sources")}`),
        row("Confidence", fmt(ev.confidence, 2))))),
      card("event-evidence", `Evidence: ${plural(data.mentions.length, "mention", "mentions")}`,
        data.mentions.map(mention))),
    card("event-articles", "Articles", data.articles.map(articleHeader)),
    el("p", { class: "downloads" }, "This event with all its evidence: ",
      el("a", { href: "/api/events/" + encodeURIComponent(id), "data-format": "json" }, "JSON")),
    data.quotes.length ? card("event-quotes", "Quotes in these articles",
      data.quotes.map((q) => el("blockquote", {}, text(q.text), el("div", { class: "muted" }, "— " + (q.speaker_name || q.speaker_text || "unknown"))))) : null);
}

function mention(m) {
  const facts = EVIDENCE.map(([label, read, always]) => [label, read(m), always])
    .filter(([, value, always]) => always || (value !== null && value !== undefined && value !== ""));
  return el("div", { class: "mention" },
    el("p", { class: "sentence" }, highlight(m)),
    el("dl", { class: "evidence" }, facts.map(([label, value]) => [el("dt", {}, label), el("dd", {}, text(value))])),
    el("p", { class: "muted" }, el("a", { href: "#/article/" + encodeURIComponent(m.article_id) }, "the article"),
      m.publisher ? ` · ${m.publisher}` : ""));
}

function row(label, value) { return el("tr", {}, el("th", {}, label), el("td", {}, value)); }

function highlight(m) {
  // The sentence as text pieces around the spans; every piece is a text node.
  const spans = [["src", m.source_start, m.source_end], ["tgt", m.target_start, m.target_end], ["trg", m.trigger_start, m.trigger_end]]
    .filter(([, s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s).sort((a, b) => a[1] - b[1]);
  const sentence = m.sentence || ""; const out = []; let pos = 0;
  for (const [cls, start, end] of spans) {
    if (start < pos) continue;
    out.push(sentence.slice(pos, start), el("mark", { class: cls, title: { src: "source", tgt: "target", trg: "trigger" }[cls] }, sentence.slice(start, end)));
    pos = end;
  }
  out.push(sentence.slice(pos));
  return out;
}

function articleHeader(a) {
  const href = safeHref(a.url);
  return el("div", { class: "article-head" },
    el("strong", {}, el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || "(untitled)")),
    el("div", { class: "muted" }, [a.source, a.published].filter(Boolean).join(" · "), " · ",
      href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, href) : (a.url || "")));
}

export async function viewArticle(root, id) {
  const a = await api("/api/articles/" + encodeURIComponent(id));
  const dateline = a.dateline ? [a.dateline.place, a.dateline.country, a.dateline.agency].filter(Boolean).join(", ") : "";
  root.append(el("h2", {}, a.title || "(untitled)"), articleHeader(a),
    el("p", { class: "muted" }, `Dateline: ${dateline || "–"}`),
    el("div", { class: "article-text", id: "article-text" }, a.text || ""),
    card("article-quotes", "Quotes", (a.quotes || []).map((q) =>
      el("blockquote", {}, text(q.text), el("div", { class: "muted" }, "— " + ((q.speaker && (q.speaker.name || q.speaker.text)) || "unknown"))))),
    el("p", { class: "downloads" }, "This article with its quotes and events: ",
      el("a", { href: "/api/articles/" + encodeURIComponent(id), "data-format": "json" }, "JSON")),
    card("article-events", "Events", el("ul", {}, (a.events || []).map((ev) =>
      el("li", {}, el("a", { href: "#/event/" + encodeURIComponent(ev.id) },
        `${actorLabel(ev.source_code, ev.source_name)} ${text(ev.plover_type)} ${actorLabel(ev.target_code, ev.target_name)}`))))));
}
