// The trace types timeline.figures and timeline.maps draw; scatter comes with the core.
// tests/test_plotly_bundle.py checks that every figure the dashboard makes uses only these.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/scattergl"),
  require("plotly.js/lib/choropleth"),
  require("plotly.js/lib/scattergeo"),
  require("plotly.js/lib/calendars"),
]);

module.exports = Plotly;
