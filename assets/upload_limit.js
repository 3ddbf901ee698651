/* timeline: tell the page about the files the browser does not send.
 *
 * dcc.Upload(max_size=...) drops a file over the size limit without a word; this script reports
 * every such file (name and size) to the dcc.Store "upload-refused", which the page shows, and
 * clears the report at each new choice of files. It then empties the file input, so that
 * choosing the same file again is a new upload (the page says "already loaded") rather than no
 * event at all. A request the server refuses as too large (HTTP 413: too many files at once) is
 * reported there too. Loaded by Dash from the assets folder.
 */
(function () {
  "use strict";
  var UPLOAD = "upload-articles";
  var LIMIT = "upload-limit";
  var REFUSED = "upload-refused";

  function maxBytes() {
    var element = document.getElementById(LIMIT);
    var value = element ? Number(element.getAttribute("data-max-bytes")) : NaN;
    return isNaN(value) ? Infinity : value;
  }

  function report(data) {
    var dc = window.dash_clientside;
    if (dc && dc.set_props) {
      dc.set_props(REFUSED, {data: data});
    }
  }

  function check(files) {
    var limit = maxBytes();
    var refused = [];
    Array.prototype.forEach.call(files || [], function (file) {
      if (file.size > limit) {
        refused.push({name: file.name, size: file.size});
      }
    });
    report({files: refused, at: Date.now()});
  }

  function inUpload(target) {
    return Boolean(target && target.closest && target.closest("#" + UPLOAD));
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.type === "file" && inUpload(input)) {
      check(input.files);
      // after the upload component has read the files (its handler runs after this one)
      setTimeout(function () { input.value = ""; }, 0);
    }
  }, true);
  document.addEventListener("drop", function (event) {
    if (inUpload(event.target) && event.dataTransfer) {
      check(event.dataTransfer.files);
    }
  }, true);

  var originalFetch = window.fetch;
  window.fetch = function () {
    return originalFetch.apply(this, arguments).then(function (response) {
      if (response.status === 413 && String(response.url).indexOf("_dash-update-component") >= 0) {
        response.clone().text().then(function (text) {
          report({files: [], request: true, message: text.trim(), at: Date.now()});
        });
      }
      return response;
    });
  };
})();
