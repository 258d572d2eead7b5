#!/usr/bin/env bash
# Regenerates the schema files, the field reference in docs/model-format.md and docs/credential-kinds.md.
set -euo pipefail
node bin/leakradius.js schema > docs/model.schema.json
node bin/leakradius.js schema --scenario > docs/scenario.schema.json
node bin/leakradius.js kinds --format markdown > docs/credential-kinds.md
node -e '
const fs = require("fs"); const { execSync } = require("child_process");
let doc = fs.readFileSync("docs/model-format.md", "utf8");
for (const [tag, flag] of [["model", ""], ["scenario", "--scenario"]]) {
  const table = execSync(`node bin/leakradius.js schema ${flag} --format markdown`).toString();
  const start = `<!-- generated:${tag} -->\n`, end = `<!-- end:${tag} -->`;
  doc = doc.slice(0, doc.indexOf(start) + start.length) + table + doc.slice(doc.indexOf(end));
}
fs.writeFileSync("docs/model-format.md", doc);'
