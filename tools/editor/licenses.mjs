// Prints the licence of every npm package that esbuild put into the bundle (read from its
// metafile), so the MIT notices travel with the minified file. Identical texts are printed once.
import { readFileSync, readdirSync } from "node:fs";

const meta = JSON.parse(readFileSync(process.argv[2], "utf8"));
const names = new Set();
for (const input of Object.keys(meta.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) names.add(match[1]);
}

const byText = new Map();
for (const name of [...names].sort()) {
  const dir = `node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(`${dir}/${file}`, "utf8").trim() : `${license} (no licence file in the package)`;
  byText.set(text, [...(byText.get(text) ?? []), `${name}@${version}`]);
}

let out = "Third-party software bundled in editor.js (built by tools/editor/build.sh).\n";
for (const [text, packages] of byText) {
  out += `\n${"=".repeat(72)}\n${packages.join("\n")}\n\n${text}\n`;
}
process.stdout.write(out);
