// Builds static/vendor/plotly/plotly-partial.min.js from plotly-bundle.js with the pinned
// plotly.js and esbuild of package.json, as plotly.js's own build does (an IIFE exposing the
// global Plotly, `global` meaning `window`). The banner names the version, which a test
// compares with package.json. plotly.js would add MapLibre's stylesheet for map tile traces,
// which the bundle does not hold: CSS imports are left out.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const plotly = JSON.parse(readFileSync(here("node_modules/plotly.js/package.json"), "utf8"));
const traces = "bar, scatter, scatterpolar, heatmap, choropleth";

await build({
  entryPoints: [here("plotly-bundle.js")],
  outfile: here("../static/vendor/plotly/plotly-partial.min.js"),
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  define: { global: "window" },
  loader: { ".css": "empty" },
  target: "es2016",
  legalComments: "eof",
  banner: {
    js: `/*! plotly.js ${plotly.version} (MIT licence), partial bundle: ${traces}; ` +
      "locales fr, es, pt (pt-br). Rebuild with `make plotly` (tools/build-plotly.mjs). */",
  },
  logLevel: "info",
});
