#!/usr/bin/env bash
# Regenerates the schema files and the field reference in docs/model-format.md.
set -euo pipefail
node bin/leakradius.js schema > docs/model.schema.json
node bin/leakradius.js schema --scenario > docs/scenario.schema.json
node -e '
const fs = require("fs"); const { execSync } = require("child_process");
let doc = fs.readFileSync("docs/model-format.md", "utf8");
for (const [tag, flag] of [["model", ""], ["scenario", "--scenario"]]) {
  const table = execSync(`node bin/leakradius.js schema ${flag} --format markdown`).toString();
  const start = `<!-- generated:${tag} -->\n`, end = `<!-- end:${tag} -->`;
  doc = doc.slice(0, doc.indexOf(start) + start.length) + table + doc.slice(doc.indexOf(end));
}
fs.writeFileSync("docs/model-format.md", doc);'
