// Builds the dashboard's plotly.js: the version the Python plotly package ships, with only the
// trace types of entry.js (a third of the full bundle's size, and of its time to start).
//
//   cd scripts/plotly_bundle && npm ci && node build.js
//
// writes assets/vendor/plotly-timeline.min.js and, beside it, the licences of every package
// bundled. esbuild settings as plotly.js's own build needs them: its WebGL shaders are .glsl
// files, it inlines CSS, reads process.env.NODE_DEBUG, and imports `regl` and `stream` under
// other names.
"use strict";
const fs = require("fs");
const path = require("path");
const { build } = require("esbuild");
const { environmentPlugin } = require("esbuild-plugin-environment");
const { glsl } = require("esbuild-plugin-glsl");
const inlineCss = require("esbuild-plugin-inline-css");

const OUT = path.resolve(__dirname, "../../assets/vendor/plotly-timeline.min.js");
const VERSION = require("plotly.js/package.json").version;

async function main() {
  const result = await build({
    entryPoints: [path.join(__dirname, "entry.js")],
    bundle: true,
    minify: true,
    write: false,
    outfile: OUT,
    metafile: true,
    format: "iife",
    globalName: "Plotly",
    target: "es2016",
    plugins: [inlineCss(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: "@plotly/regl", stream: "stream-browserify" },
    define: { global: "window", "define.amd": "false" },
    logLevel: "warning",
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js")).text;
  const header =
    `/* plotly.js v${VERSION} (MIT, Copyright 2012-2026 Plotly, Inc.), with the traces scatter,\n` +
    ` * scattergl, bar, choropleth and scattergeo: built by scripts/plotly_bundle/build.js.\n` +
    ` * Licences of the bundled packages: plotly-timeline.LICENSES.txt */\n`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, header + code + "window.Plotly = Plotly;\n");
  fs.writeFileSync(OUT.replace(/\.min\.js$/, ".LICENSES.txt"), licences(result.metafile));
  console.log(`${OUT}: ${fs.statSync(OUT).size.toLocaleString()} bytes`);
}

// each bundled package's name, version, licence and licence text, from esbuild's inputs
function licences(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const found = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (found) folders.add(found[1]);
  }
  const parts = [...folders].sort().map((folder) => {
    const meta = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"));
    const file = fs.readdirSync(folder).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const text = file
      ? fs.readFileSync(path.join(folder, file), "utf8").trim()
      : "(the package has no licence file)";
    const licence = typeof meta.license === "string" ? meta.license : JSON.stringify(meta.license);
    return `==== ${meta.name} ${meta.version} (${licence})\n\n${text}\n`;
  });
  return parts.join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
