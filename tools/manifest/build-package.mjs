// Builds the Teams app package (manifest/build/MentorBot.zip) from manifest/manifest.template.json.
//   node tools/manifest/build-package.mjs --app-id <guid> --domain <host> [--version 1.0.0]
//        [--out manifest/build/MentorBot.zip] [--developer-name <name>] [--website-url <url>]
//        [--privacy-url <url>] [--terms-url <url>] [--resource <uri>]
// The app id and domain may also come from the environment (MicrosoftAppId, MENTORBOT_DOMAIN), as may
// the rest (MENTORBOT_VERSION, MENTORBOT_DEVELOPER_NAME, MENTORBOT_WEBSITE_URL, MENTORBOT_PRIVACY_URL,
// MENTORBOT_TERMS_URL, MENTORBOT_SSO_RESOURCE). The filled manifest is validated against its official
// schema offline, and manifest.json is written next to the zip.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { requireTool } from "./deps.mjs";
import { APP_VERSION, GUID, validateManifest, validatePackage } from "./package-checks.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const manifestDir = path.join(repoRoot, "manifest");
// A fixed timestamp for the zip entries, so the same inputs give the same package bytes.
const ENTRY_DATE = new Date(Date.UTC(2025, 0, 1));
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

function fail(messages, code = 1) {
  for (const message of messages) console.error(`error: ${message}`);
  process.exit(code);
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        "app-id": { type: "string" },
        domain: { type: "string" },
        version: { type: "string" },
        out: { type: "string" },
        "developer-name": { type: "string" },
        "website-url": { type: "string" },
        "privacy-url": { type: "string" },
        "terms-url": { type: "string" },
        resource: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail([error.message, "usage: node tools/manifest/build-package.mjs --app-id <guid> --domain <host> [--version 1.0.0] [--out <zip>]"], 2);
  }
  if (parsed.help) {
    const lines = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    const header = lines.slice(0, lines.findIndex((line) => !line.startsWith("//")));
    console.log(header.map((line) => line.slice(3)).join("\n"));
    process.exit(0);
  }
  const env = process.env;
  const pick = (option, variable, fallback) => (parsed[option] ?? env[variable] ?? fallback ?? "").trim();
  const appId = pick("app-id", "MicrosoftAppId");
  const domain = pick("domain", "MENTORBOT_DOMAIN").replace(/^https:\/\//i, "").replace(/\/+$/, "");
  const errors = [];
  if (!appId) errors.push("the app id is missing: pass --app-id <guid> or set MicrosoftAppId (the bot's Microsoft App ID)");
  else if (!GUID.test(appId)) errors.push(`the app id "${appId}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the bot's Microsoft App ID)`);
  if (!domain) errors.push("the domain is missing: pass --domain <host> or set MENTORBOT_DOMAIN (the bot's public host name, e.g. mentorbot.azurewebsites.net)");
  else if (!HOST.test(domain)) errors.push(`the domain "${domain}" is not a host name (give only the host, e.g. mentorbot.azurewebsites.net)`);
  const version = pick("version", "MENTORBOT_VERSION", "1.0.0");
  if (!APP_VERSION.test(version)) errors.push(`the version "${version}" must be MAJOR.MINOR.PATCH, e.g. 1.0.0`);
  if (errors.length > 0) fail(errors);
  return {
    out: path.resolve(parsed.out ?? path.join(manifestDir, "build", "MentorBot.zip")),
    values: {
      APP_ID: appId.toLowerCase(),
      DOMAIN: domain.toLowerCase(),
      VERSION: version,
      DEVELOPER_NAME: pick("developer-name", "MENTORBOT_DEVELOPER_NAME", "MentorBot program team"),
      WEBSITE_URL: pick("website-url", "MENTORBOT_WEBSITE_URL", `https://${domain}/`),
      PRIVACY_URL: pick("privacy-url", "MENTORBOT_PRIVACY_URL", `https://${domain}/privacy`),
      TERMS_URL: pick("terms-url", "MENTORBOT_TERMS_URL", `https://${domain}/terms`),
      RESOURCE: pick("resource", "MENTORBOT_SSO_RESOURCE", `api://${domain}/${appId}`),
    },
  };
}

/** Replaces {{NAME}} in every string of the template (never in keys), so values cannot break the JSON. */
function fill(node, values) {
  if (typeof node === "string") return node.replace(/\{\{([A-Z_]+)\}\}/g, (token, name) => values[name] ?? token);
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  return node;
}

const { out, values } = readOptions();
const template = JSON.parse(readFileSync(path.join(manifestDir, "manifest.template.json"), "utf8"));
const manifest = fill(template, values);
const manifestErrors = await validateManifest(manifest);
if (manifestErrors.length > 0) fail(manifestErrors);

const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
const JSZip = requireTool("jszip");
const zip = new JSZip();
const entry = { date: ENTRY_DATE, createFolders: false };
zip.file("manifest.json", manifestJson, entry);
for (const icon of [manifest.icons.color, manifest.icons.outline]) {
  zip.file(icon, readFileSync(path.join(manifestDir, "icons", icon)), entry);
}
const zipBytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
const packageErrors = await validatePackage(zipBytes);
if (packageErrors.length > 0) fail(packageErrors);

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(path.join(path.dirname(out), "manifest.json"), manifestJson);
writeFileSync(out, zipBytes);
console.log(`built ${out} (app id ${values.APP_ID}, domain ${values.DOMAIN}, version ${values.VERSION})`);
