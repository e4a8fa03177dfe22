// Copy the built front-end libraries from node_modules into eventwire/web/static/vendor/ (run by
// `make web-vendor` after `npm ci`). The copies are committed: `pip install eventwire` needs no npm,
// and the dashboard loads nothing from a CDN. Source-map comments are dropped because the maps are
// not shipped (a browser would request them and get 404s).
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = join(here, "..", "..", "eventwire", "web", "static", "vendor");

// package -> files to ship (first: built file in node_modules, second: its name under vendor/<dir>/)
const LIBRARIES = [
  { pkg: "chart.js", dir: "chartjs", files: [["dist/chart.umd.min.js", "chart.umd.min.js"], ["LICENSE.md", "LICENSE.md"]] },
  { pkg: "chartjs-adapter-date-fns", dir: "chartjs", files: [
    ["dist/chartjs-adapter-date-fns.bundle.min.js", "chartjs-adapter-date-fns.bundle.min.js"],
    ["LICENSE.md", "LICENSE-chartjs-adapter-date-fns.md"]] },
  { pkg: "date-fns", dir: "chartjs", files: [["LICENSE.md", "LICENSE-date-fns.md"]] },
  { pkg: "@kurkle/color", dir: "chartjs", files: [["LICENSE", "LICENSE-kurkle-color"]] },
  { pkg: "cytoscape", dir: "cytoscape", files: [["dist/cytoscape.min.js", "cytoscape.min.js"], ["LICENSE", "LICENSE"]] },
  { pkg: "swagger-ui-dist", dir: "swagger-ui", files: [
    ["swagger-ui-bundle.js", "swagger-ui-bundle.js"], ["swagger-ui.css", "swagger-ui.css"],
    ["swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-bundle.js.LICENSE.txt"], ["LICENSE", "LICENSE"], ["NOTICE", "NOTICE"]] },
];

rmSync(target, { recursive: true, force: true });
const lines = ["# Vendored front-end libraries", "",
  "Written by `make web-vendor` (tools/webvendor/vendor.mjs) from the npm packages pinned in",
  "tools/webvendor/package.json; do not edit by hand. Licences are next to each file and in NOTICE.md.", "",
  "| package | version | licence | file | bytes |", "|---|---|---|---|---|"];
for (const lib of LIBRARIES) {
  const meta = JSON.parse(readFileSync(join(modules, lib.pkg, "package.json"), "utf8"));
  mkdirSync(join(target, lib.dir), { recursive: true });
  for (const [from, to] of lib.files) {
    const out = join(target, lib.dir, to);
    if (/\.(js|css)$/.test(from)) {
      const text = readFileSync(join(modules, lib.pkg, from), "utf8")
        .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n").replace(/\/\*# sourceMappingURL=\S+\s*\*\/\s*$/, "\n");
      writeFileSync(out, text);
      lines.push(`| ${lib.pkg} | ${meta.version} | ${meta.license} | vendor/${lib.dir}/${to} | ${statSync(out).size} |`);
    } else {
      copyFileSync(join(modules, lib.pkg, from), out);
    }
  }
}
writeFileSync(join(target, "README.md"), lines.join("\n") + "\n");
console.log(lines.slice(5).join("\n"));
