// Validates a Teams app package offline: layout, manifest schema, icon sizes and colours.
//   node tools/manifest/validate-package.mjs <package.zip>
// Prints "valid" and exits 0, or prints each error and exits 1.
import { readFileSync } from "node:fs";
import { validatePackage } from "./package-checks.mjs";

const zipPath = process.argv[2];
if (!zipPath) {
  console.error("usage: node tools/manifest/validate-package.mjs <package.zip>");
  process.exit(2);
}
let bytes;
try {
  bytes = readFileSync(zipPath);
} catch (error) {
  console.error(`cannot read ${zipPath}: ${error.message}`);
  process.exit(1);
}
const errors = await validatePackage(bytes);
if (errors.length > 0) {
  for (const error of errors) console.error(`error: ${error}`);
  console.error(`${zipPath}: invalid (${errors.length} error${errors.length === 1 ? "" : "s"})`);
  process.exit(1);
}
console.log("valid");
