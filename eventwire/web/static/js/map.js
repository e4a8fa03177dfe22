// Map of event locations: Natural Earth outlines (world.json) and one dot per place, sized by its
// count; a click on a dot lists that place's events.
import { EVERY_ROW, api, card, downloads, el, fmt, go, scroller, svg } from "./dom.js";

let world = null;

export async function viewMap(root) {
  const [outline, places] = await Promise.all([
    world || fetch("/static/world.json").then((r) => r.json()), api("/api/places")]);
  world = outline;
  const width = 960, height = 480;
  const px = (lon) => ((lon + 180) / 360) * width, py = (lat) => ((90 - lat) / 180) * height;
  const countries = outline.countries.map((c) => svg("path", { class: "country",
    d: c.rings.map((ring) => ring.map(([lon, lat], i) => `${i ? "L" : "M"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("") + "Z").join("") },
  svg("title", {}, c.name)));
  const features = places.features || [];
  // Older servers count mentions in "events"; a server that sends both is labelled exactly.
  const unit = features.some((f) => f.properties.mentions !== undefined) ? "events" : "event mentions";
  const maxN = Math.max(1, ...features.map((f) => f.properties.events));
  const dots = features.map((f) => {
    const [lon, lat] = f.geometry.coordinates; const p = f.properties;
    const mentions = p.mentions !== undefined ? `, ${fmt(p.mentions)} mentions` : "";
    return svg("circle", { class: "dot" + (p.conflict_share < 0.5 ? " coop" : ""), cx: px(lon), cy: py(lat),
      r: 3 + 12 * Math.sqrt(p.events / maxN), onclick: () => go("events", { place: p.name }) },
    svg("title", {}, `${p.name}${p.country ? ", " + p.country : ""}: ${fmt(p.events)} ${unit}${mentions} (${Math.round(100 * p.conflict_share)}% conflict). Click for the list.`));
  });
  root.append(el("h2", {}, "Where events happen"),
    el("p", { class: "muted" }, `${fmt(features.length)} places; dot size: ${unit}. Red: mostly conflict; green: mostly cooperation. Click a place for its events.`),
    card("map", null, el("div", { class: "map-wrap" }, svg("svg", { viewBox: `0 0 ${width} ${height}` }, countries, dots)),
      downloads("/api/places", { limit: EVERY_ROW }, "all places")),
    card("map-places", "Places with the most events", placeTable(features.slice(0, 15), unit)));
}

// The dots as a table too: readable on a phone, where the world is 370 px wide, and without a mouse.
function placeTable(features, unit) {
  const hasMentions = features.some((f) => f.properties.mentions !== undefined);
  return scroller(el("table", { class: "places" },
    el("thead", {}, el("tr", {}, el("th", {}, "Place"), el("th", { class: "num" }, unit === "events" ? "Events" : "Mentions"),
      hasMentions ? el("th", { class: "num" }, "Mentions") : null, el("th", { class: "num" }, "Conflict"))),
    el("tbody", {}, features.map(({ properties: p }) => el("tr", { class: "clickable", title: "List this place's events",
      onclick: () => go("events", { place: p.name }) },
    el("td", {}, `${p.name}${p.country ? ", " + p.country : ""}`), el("td", { class: "num" }, fmt(p.events)),
    hasMentions ? el("td", { class: "num" }, fmt(p.mentions)) : null,
    el("td", { class: "num" }, `${Math.round(100 * p.conflict_share)}%`))))));
}
