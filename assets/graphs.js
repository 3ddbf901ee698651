/* timeline: two things that make the charts appear sooner. Loaded by Dash from the assets folder.
 *
 * 1. The world outlines are fetched while the page starts, not when the map first draws
 *    (plotly.js asks for them only then, and draws the map again once they arrive): plotly.js
 *    reads window.PlotlyGeoAssets.topojson before fetching, and keeps an object found there.
 * 2. A resize to the size a chart already has is skipped. dcc.Graph resizes every chart once
 *    after its first drawing, and again whenever its box is laid out anew; plotly.js then draws
 *    the whole chart again (0.1 to 0.5 s each) even when nothing changed. A real change of size
 *    (the window, the phone turned) still redraws.
 */
(function () {
  "use strict";
  var OUTLINES = "world_110m";

  var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {});
  assets.topojson = assets.topojson || {};
  var here = document.currentScript && document.currentScript.src;
  if (here && window.fetch) {
    fetch(new URL("topojson/" + OUTLINES + ".json", here).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outlines) {
        if (outlines && assets.topojson[OUTLINES] === undefined) {
          assets.topojson[OUTLINES] = outlines;
        }
      })
      .catch(function () { /* plotly.js fetches them itself */ });
  }

  function sameSize(gd) {
    var full = gd && gd._fullLayout;
    if (!full || !gd.layout || !gd.isConnected || gd.offsetParent === null) {
      return false;
    }
    var style = window.getComputedStyle(gd);
    var width = parseFloat(style.width);
    var height = parseFloat(style.height);
    return Math.round(width) === Math.round(full.width) &&
      Math.round(height) === Math.round(full.height);
  }

  function patch(Plotly) {
    var plots = Plotly && Plotly.Plots;
    if (!plots || !plots.resize || plots.resize.timelineSkipsSameSize) {
      return;
    }
    var resize = plots.resize;
    plots.resize = function (gd) {
      var div = typeof gd === "string" ? document.getElementById(gd) : gd;
      if (sameSize(div)) {
        return Promise.resolve(div);
      }
      return resize.apply(this, arguments);
    };
    plots.resize.timelineSkipsSameSize = true;
  }

  if (window.Plotly) {
    patch(window.Plotly);
  } else {
    var loaded;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      enumerable: true,
      get: function () { return loaded; },
      set: function (value) { loaded = value; patch(value); },
    });
  }
})();
