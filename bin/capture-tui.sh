#!/usr/bin/env bash
# Captures a frame of each main view of the TUI, driven with tmux at 80x24 on
# the bundled examples, into docs/tui-frames/<view>.txt (docs/tui.md shows them).
# Needs tmux and a build (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/tui-frames
mkdir -p "$out"
session="leakradius-capture-$$"
pause() { sleep "${1:-0.5}"; }
keys() { for k in "$@"; do tmux send-keys -t "$session" "$k"; pause 0.3; done; }
cap() { tmux capture-pane -pt "$session" | sed -e 's/[[:space:]]*$//' > "$out/$1.txt"; }
start() {
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 80 -y 24 "$1; sleep 600"
  pause 4
}
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

start 'node bin/leakradius.js'
cap picker
keys Enter; pause 1; cap inventory
keys BTab; cap findings
keys Tab l j j; cap leak
keys w; pause 1.5; keys t t t Space; pause 1; cap what-if
keys Escape Escape s Enter Space Space Space Space; cap workshop
keys Escape Escape '?'; cap help

start 'node bin/leakradius.js tui models/orchestrator.yaml'
keys d j Right Right; cap delegation

broken=$(mktemp -d)
printf 'version: 1\nagents:\n  - id: coder\n    credentals: [gh-pat]\ncredentials:\n  - id: gh-pat\n    ttl: 90x\n' > "$broken/broken.yaml"
start "cd $broken && node $PWD/bin/leakradius.js tui broken.yaml"
cap errors
rm -r "$broken"
echo "frames written to $out/"

# Put each frame into docs/tui.md and README.md between its markers.
node -e '
const fs = require("fs");
for (const target of ["docs/tui.md", "README.md"]) {
let doc = fs.readFileSync(target, "utf8");
for (const file of fs.readdirSync(process.argv[1])) {
  const view = file.replace(/\.txt$/, "");
  const start = `<!-- frame:${view} -->\n`, end = `<!-- end:${view} -->`;
  const a = doc.indexOf(start), b = doc.indexOf(end);
  if (a < 0 || b < 0) continue;
  const frame = fs.readFileSync(`${process.argv[1]}/${file}`, "utf8").trimEnd();
  doc = doc.slice(0, a + start.length) + "```text\n" + frame + "\n```\n" + doc.slice(b);
}
fs.writeFileSync(target, doc);
}' "$out"
echo "docs/tui.md and README.md updated"
