// Expands the JSON-LD on standard input with jsonld.js and prints the expanded form. The schema.org
// context comes from schema.org.jsonld beside this file: tests never reach the network.
const fs = require("fs");
const path = require("path");
const jsonld = require("jsonld");

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "schema.org.jsonld"), "utf8"));
const documentLoader = async (url) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) {
    return { contextUrl: null, documentUrl: url, document: schema };
  }
  throw new Error(`refusing to load ${url}: only schema.org's context is served offline`);
};

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  try {
    const expanded = await jsonld.expand(JSON.parse(input), { documentLoader, safe: true });
    process.stdout.write(JSON.stringify(expanded));
  } catch (e) {
    process.stderr.write(String(e && e.stack || e) + (e && e.details ? "\n" + JSON.stringify(e.details) : ""));
    process.exit(2);
  }
});
