// Draws every chart of the page: each <div class="chart" data-figure="ID"> gets the plotly
// figure held in the <script type="application/json" id="ID"> that Django's json_script
// wrote (built in Python by charts/builders.py). Maps take their topojson from the file in
// data-topojson-url (our static files, under a hashed name with a long cache life in
// production): it is fetched once and handed to plotly.js, which fetches nothing itself.
(function () {
  "use strict";

  function pageLocale() {
    return (document.documentElement.lang || "en").toLowerCase();
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source || element.dataset.drawn) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var config = Object.assign({}, figure.config || {}, {
      responsive: true,
      displaylogo: false,
      locale: pageLocale(),
    });
    element.dataset.drawn = "true";
    var url = element.dataset.topojsonUrl;
    if (!url) {
      window.Plotly.newPlot(element, figure.data, figure.layout || {}, config);
      return;
    }
    // Should the file not come, plotly.js asks our static folder for the unhashed name.
    config.topojsonURL = url.slice(0, url.lastIndexOf("/") + 1);
    loadTopojson(url, element.dataset.topojsonName).then(function () {
      window.Plotly.newPlot(element, figure.data, figure.layout || {}, config);
    });
  }

  var topojsonRequests = {};

  // plotly.js looks in window.PlotlyGeoAssets.topojson[name] before it fetches
  // topojsonURL + name + ".json": filling it lets the file keep its hashed name.
  function loadTopojson(url, name) {
    if (!topojsonRequests[url]) {
      topojsonRequests[url] = fetch(url, { credentials: "same-origin" })
        .then(function (answer) {
          return answer.ok ? answer.json() : null;
        })
        .then(function (topojson) {
          if (topojson) {
            window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
            window.PlotlyGeoAssets.topojson[name] = topojson;
          }
        })
        .catch(function () {});
    }
    return topojsonRequests[url];
  }

  function drawAll(root) {
    if (!window.Plotly) {
      return;
    }
    root.querySelectorAll(".chart[data-figure]").forEach(draw);
  }

  // A chart drawn while hidden (a collapsed section, an inactive tab) has no width:
  // redraw it at its real size when it is shown.
  function resizeWithin(root) {
    if (!window.Plotly || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll(".chart[data-drawn]").forEach(function (element) {
      window.Plotly.Plots.resize(element);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  // Charts in content swapped in by htmx (e.g. the comparison's filters).
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.detail.elt || document);
  });
  document.addEventListener("shown.bs.tab", function (event) {
    var selector = event.target.dataset.bsTarget || event.target.hash;
    var pane = selector ? document.querySelector(selector) : null;
    if (pane) {
      resizeWithin(pane);
    }
  });
  document.addEventListener("shown.bs.collapse", function (event) {
    resizeWithin(event.target);
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.open) {
      resizeWithin(event.target);
    }
  }, true);
})();
