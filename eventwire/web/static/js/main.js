// eventwire dashboard: the router. Views are modules; the charting and network libraries are
// vendored under /static/vendor/ and loaded when a view needs them (nothing comes from a CDN).
import { destroyCharts } from "./charts.js";
import { el, setStatus } from "./dom.js";
import { viewDyads } from "./dyads.js";
import { viewArticle, viewEvent } from "./event.js";
import { viewEvents } from "./events.js";
import { viewMap } from "./map.js";
import { destroyNetwork, viewNetwork } from "./network.js";
import { viewOverview } from "./overview.js";

const VIEWS = { overview: viewOverview, dyads: viewDyads, network: viewNetwork, map: viewMap, events: viewEvents };
let routing = 0;

async function route() {
  const mine = ++routing;
  const hash = location.hash.replace(/^#\/?/, "") || "overview";
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  const [view, id] = path.split("/");
  const root = document.getElementById("view");
  destroyCharts();
  destroyNetwork();
  delete document.body.dataset.ready;
  for (const link of document.querySelectorAll("header nav a")) link.classList.toggle("active", link.dataset.view === view);
  setStatus("loading…");
  // Each route draws into its own container: a slower, older route then draws into a detached one.
  const page = el("div", { class: "page" });
  root.replaceChildren(page);
  try {
    if (view === "event" && id) await viewEvent(page, decodeURIComponent(id));
    else if (view === "article" && id) await viewArticle(page, decodeURIComponent(id));
    else await (VIEWS[view] || viewOverview)(page, params);
    if (mine !== routing) return;
    setStatus("");
  } catch (error) {
    if (mine !== routing) return;
    page.append(el("p", { class: "error" }, "Could not load this view: " + error.message));
    setStatus("error");
  }
  document.body.dataset.ready = view || "overview";
}

window.addEventListener("hashchange", route);
route();
