/* timeline: three things that make the charts appear sooner. Loaded by Dash from the assets folder.
 *
 * 1. The world outlines are fetched while the page starts, not when the map first draws
 *    (plotly.js asks for them only then, and draws the map again once they arrive): plotly.js
 *    reads window.PlotlyGeoAssets.topojson before fetching, and keeps an object found there.
 * 2. A resize to the size a chart already has is skipped. dcc.Graph resizes every chart once
 *    after its first drawing, and again whenever its box is laid out anew; plotly.js then draws
 *    the whole chart again (0.1 to 0.5 s each) even when nothing changed. A real change of size
 *    (the window, the phone turned) still redraws.
 * 3. window.timelinePainted(): a promise kept once both charts are drawn (or after about 5 s of
 *    frames, so a page without charts is not kept waiting). The page's clientside callbacks
 *    give the name dropdowns their options and ask for the list of articles only then: the
 *    browser indexing and rendering them held the first drawing back.
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

  function drawn() {
    var plots = document.querySelectorAll(".js-plotly-plot");
    return plots.length >= 2 && Array.prototype.every.call(plots, function (gd) {
      // plotly.js makes a chart's frame first and draws its data after: drawn once its last
      // step has run (for the map, after the world outlines came)
      return gd._fullLayout && gd._fullLayout._replotting === false;
    });
  }

  window.timelinePainted = function () {
    return new Promise(function (resolve) {
      var frames = 0;
      (function wait() {
        if (drawn() || frames++ > 300) {
          setTimeout(resolve, 0);
        } else {
          requestAnimationFrame(wait);
        }
      })();
    });
  };

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
