// Checks shared by build-package.mjs and validate-package.mjs: the manifest against the official
// schema (offline), and the package layout and icons.
import { existsSync } from "node:fs";
import path from "node:path";
import { requireTool, resolveTool } from "./deps.mjs";
import { readPngSize } from "./png.mjs";

export const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
export const APP_VERSION = /^\d+\.\d+\.\d+$/;
const ICON_SIZES = { color: 192, outline: 32 };

/** The local copy of the schema a `$schema` URL names, as @microsoft/app-manifest maps it; null when not shipped. */
export function localSchemaPath(schemaUrl) {
  let url;
  try {
    url = new URL(schemaUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.hostname !== "developer.microsoft.com") return null;
  const match = url.pathname.match(/^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/(json-schemas\/teams\/v[0-9.]+\/MicrosoftTeams\.schema\.json)$/i);
  if (!match) return null;
  const buildDir = path.dirname(resolveTool("@microsoft/app-manifest"));
  const file = path.join(buildDir, match[1]);
  return existsSync(file) ? file : null;
}

/** Validates a parsed manifest against its `$schema`, never over the network. Returns error strings. */
export async function validateManifest(manifest) {
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) return ["manifest.json is not a JSON object"];
  const errors = [];
  if (typeof manifest.$schema !== "string" || !localSchemaPath(manifest.$schema)) {
    return [`$schema "${manifest.$schema}" is not a Teams manifest schema shipped with @microsoft/app-manifest, so it cannot be validated offline`];
  }
  const { AppManifestUtils } = requireTool("@microsoft/app-manifest");
  const realFetch = globalThis.fetch;
  globalThis.fetch = () => Promise.reject(new Error("network access is disabled while validating"));
  try {
    const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest);
    errors.push(...schemaErrors.map((e) => `schema: ${e.startsWith(" ") ? `(root)${e}` : e}`));
  } finally {
    globalThis.fetch = realFetch;
  }
  // What the schema leaves open but Teams expects.
  if (typeof manifest.version === "string" && !APP_VERSION.test(manifest.version)) errors.push(`version "${manifest.version}" must be MAJOR.MINOR.PATCH, e.g. 1.0.0`);
  const text = JSON.stringify(manifest);
  const unfilled = text.match(/\{\{[A-Z_]+\}\}/g);
  if (unfilled) errors.push(`unfilled template placeholders: ${[...new Set(unfilled)].join(", ")}`);
  return errors;
}

/** Checks a PNG icon's size and, for the outline icon, that every pixel is white or fully transparent. */
export function checkIcon(kind, fileName, bytes) {
  const errors = [];
  const size = readPngSize(bytes);
  if (size.error) return [`${fileName}: ${size.error}`];
  const expected = ICON_SIZES[kind];
  if (size.width !== expected || size.height !== expected) errors.push(`${fileName}: ${kind} icon must be ${expected}x${expected} pixels, found ${size.width}x${size.height}`);
  if (kind !== "outline") return errors;
  const { PNG } = requireTool("pngjs");
  let image;
  try {
    image = PNG.sync.read(bytes);
  } catch (error) {
    return [...errors, `${fileName}: cannot decode PNG (${error.message})`];
  }
  let offending = 0;
  let visible = 0;
  let first = null;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = image.data.subarray(i, i + 4);
    if (a === 0) continue;
    visible++;
    if (r !== 255 || g !== 255 || b !== 255) {
      offending++;
      first ??= `(${(i / 4) % image.width}, ${Math.floor(i / 4 / image.width)}) is rgba(${r}, ${g}, ${b}, ${a})`;
    }
  }
  if (offending > 0) errors.push(`${fileName}: outline icon must be white (255,255,255) on full transparency; ${offending} pixels are not, first at ${first}`);
  if (visible === 0) errors.push(`${fileName}: outline icon is fully transparent`);
  return errors;
}

/** Validates a Teams app package (zip bytes). Returns error strings; empty means valid. */
export async function validatePackage(zipBytes) {
  const JSZip = requireTool("jszip");
  let zip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (error) {
    return [`not a readable zip file (${error.message})`];
  }
  const errors = [];
  const manifestEntry = zip.file("manifest.json");
  if (!manifestEntry) {
    const nested = Object.keys(zip.files).find((name) => name.endsWith("/manifest.json"));
    errors.push(nested ? `manifest.json must be at the root of the zip, found ${nested}` : "manifest.json is missing from the zip");
  }
  let manifest = null;
  if (manifestEntry) {
    const text = (await manifestEntry.async("string")).replace(/^\uFEFF/, "");
    try {
      manifest = JSON.parse(text);
    } catch (error) {
      errors.push(`manifest.json is not valid JSON (${error.message})`);
    }
  }
  if (manifest) errors.push(...(await validateManifest(manifest)));
  for (const kind of Object.keys(ICON_SIZES)) {
    const fileName = typeof manifest?.icons?.[kind] === "string" ? manifest.icons[kind] : `${kind}.png`;
    if (fileName.includes("/") || fileName.includes("\\")) {
      errors.push(`icons.${kind} "${fileName}" must name a file at the root of the zip`);
      continue;
    }
    const entry = zip.file(fileName);
    if (!entry) {
      errors.push(`${fileName} (the ${kind} icon) is missing from the root of the zip`);
      continue;
    }
    errors.push(...checkIcon(kind, fileName, await entry.async("nodebuffer")));
  }
  return errors;
}
