// The plotly.js the pages load: its core with exactly the trace types that charts/figures.py
// and plans/timeline.py draw, and the locales of the site's languages (`make plotly`).
// A chart type added to charts/figures.py must be registered here too: the browser test that
// draws every chart (tests/browser/test_charts.py) fails on an unknown trace type.
"use strict";

var Plotly = require("plotly.js/lib/core");

// The site's Portuguese is "pt": plotly.js looks a locale up by that name, then by its base
// language, so its Brazilian Portuguese (what the site has always shown) is registered as "pt".
var portuguese = Object.assign({}, require("plotly.js/lib/locales/pt-br"), { name: "pt" });

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/scatter"),
  require("plotly.js/lib/scatterpolar"),
  require("plotly.js/lib/heatmap"),
  require("plotly.js/lib/choropleth"),
  require("plotly.js/lib/locales/fr"),
  require("plotly.js/lib/locales/es"),
  portuguese,
]);

module.exports = Plotly;
