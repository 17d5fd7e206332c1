// Validates every Adaptive Card JSON file in a directory, offline, for what Teams accepts from a bot.
//   node tools/cards/validate-cards.mjs <directory>
// Prints one JSON line per file, {"file","errors":[...],"warnings":[...]}, then a summary line
// {"summary":{"files","valid","invalid"}}. Exit codes: 0 all valid, 1 some card invalid,
// 2 usage (no or unreadable directory), 3 the pinned npm packages are not installed.
//
// Two layers of checks:
// 1. The official `adaptivecards` package (tools/package.json): parsed with a SerializationContext for the
//    card's declared version, then validateProperties(). It reports unknown element/action types, bad enum
//    values, duplicate ids, inputs without ids, required inputs without label/errorMessage, and features
//    newer than the declared version.
// 2. Our own checks for what the package misses (shared/docs/real-parts.md) and what Teams requires
//    (shared/docs/protocol.md E): version present and <= 1.5; Action.Execute with a verb and an
//    Action.Submit fallback, wherever it is nested; TextBlock with text; Image with a url; input ids unique;
//    size under 80 KB.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const MAX_TEAMS_VERSION = [1, 5];
// Teams' people picker (protocol.md I) is Input.ChoiceSet with "choices.data" querying one of these datasets.
const PEOPLE_PICKER_DATASETS = ["graph.microsoft.com/users", "graph.microsoft.com/users?scope=currentContext"];
// Teams counts a bot message as UTF-16 and advises staying within 80 KB. We measure the larger of the
// file's UTF-8 bytes and its UTF-16 bytes (2 per code unit), so the limit holds however it is counted.
const MAX_BYTES = 80 * 1024;
// Teams renders these chart elements (protocol.md E); the adaptivecards package does not know them. Clients without
// charts (Teams mobile) show the element's fallback, which must be a FactSet or Table (possibly in a Container).
const TEAMS_CHART_TYPES = ["Chart.Donut", "Chart.Gauge", "Chart.VerticalBar", "Chart.VerticalBar.Grouped", "Chart.HorizontalBar",
  "Chart.HorizontalBar.Stacked", "Chart.Line", "Chart.Pie"];
const CHART_FALLBACK_TYPES = ["FactSet", "Table", "Container"];

const toolsDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(toolsDir, "node_modules", "adaptivecards"))) {
  console.error("tools/node_modules is missing (adaptivecards). Run: npm ci --prefix tools");
  process.exit(3);
}

// The lib/ ESM build does not load in Node; the UMD bundle does, and needs no DOM to parse and validate.
const AC = createRequire(join(toolsDir, "package.json"))("adaptivecards/dist/adaptivecards.js");

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error("usage: node tools/cards/validate-cards.mjs <directory of *.json cards>");
  process.exit(2);
}

const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".json")).sort();
let invalid = 0;
for (const file of files) {
  const result = validateFile(join(dir, file));
  if (result.errors.length > 0) invalid++;
  console.log(JSON.stringify({ file, ...result }));
}
console.log(JSON.stringify({ summary: { files: files.length, valid: files.length - invalid, invalid } }));
process.exit(invalid > 0 ? 1 : 0);

function validateFile(path) {
  const errors = [];
  const warnings = [];
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  const size = Math.max(bytes.length, text.length * 2);
  if (size >= MAX_BYTES) {
    errors.push(`size: ${size} bytes (UTF-8 ${bytes.length}, UTF-16 ${text.length * 2}) is not under the 80 KB (${MAX_BYTES} bytes) Teams bot message budget`);
  }

  let card;
  try {
    card = JSON.parse(text);
  } catch (error) {
    errors.push(`json: not valid JSON (${error.message})`);
    return { errors, warnings };
  }

  if (card === null || typeof card !== "object" || Array.isArray(card) || card.type !== "AdaptiveCard") {
    errors.push(`type: the root must be an object with "type": "AdaptiveCard"`);
    return { errors, warnings };
  }

  const version = checkVersion(card, errors);
  librarySays(card, version, errors, warnings);
  ourChecks(card, errors);
  return { errors, warnings };
}

/** Returns the version to parse with: the declared one when it is well formed, else 1.5. */
function checkVersion(card, errors) {
  const declared = card.version;
  if (declared === undefined || declared === null || declared === "") {
    errors.push(`version: missing (Teams mobile does not render a card without a version; use "1.5")`);
    return "1.5";
  }

  const match = typeof declared === "string" ? /^(\d+)\.(\d+)$/.exec(declared) : null;
  if (!match) {
    errors.push(`version: ${JSON.stringify(declared)} is not a version string like "1.5"`);
    return "1.5";
  }

  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major > MAX_TEAMS_VERSION[0] || (major === MAX_TEAMS_VERSION[0] && minor > MAX_TEAMS_VERSION[1])) {
    errors.push(`version: "${declared}" is above "1.5", the highest version Teams supports for bot-sent cards`);
  }

  return declared;
}

function librarySays(card, version, errors, warnings) {
  try {
    const context = new AC.SerializationContext(AC.Version.parse(version, new AC.SerializationContext()));
    const parsed = new AC.AdaptiveCard();
    // The card object reads its own "version"; give it the one we validated so a malformed one cannot throw.
    parsed.parse({ ...withChartsAsFallbacks(withoutPeoplePickers(card)), version }, context);
    const events = [];
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
    events.push(...parsed.validateProperties().validationEvents);
    for (const event of events) {
      const name = AC.ValidationEvent[event.event] ?? String(event.event);
      const where = event.source?.getJsonTypeName?.();
      const message = `adaptivecards ${name}${where ? ` (${where})` : ""}: ${event.message}`;
      (event.event === AC.ValidationEvent.Hint ? warnings : errors).push(message);
    }
  } catch (error) {
    errors.push(`adaptivecards: the card could not be parsed (${error.message})`);
  }
}

/**
 * The card as the library can judge it: Teams renders its people picker on 1.5 cards, with empty "choices" and
 * "choices.data", which the library knows only from 1.6. Each picker is handed over as a plain choice set;
 * ourChecks checks the picker itself.
 */
function withoutPeoplePickers(card) {
  return JSON.parse(JSON.stringify(card), (_, value) => {
    if (value?.type !== "Input.ChoiceSet" || !isPeoplePicker(value["choices.data"])) return value;
    const { ["choices.data"]: _picker, ...choiceSet } = value;
    return { ...choiceSet, choices: [{ title: "person", value: "person" }] };
  });
}

/**
 * The card as the library can judge it: each Teams chart with an object fallback is handed over as that fallback
 * (what a client without charts shows), so the fallback is validated in full; ourChecks checks the chart itself.
 * A chart without an object fallback is left in place, and the library reports it as an unknown element.
 */
function withChartsAsFallbacks(card) {
  return JSON.parse(JSON.stringify(card), (_, value) =>
    isChart(value) && value.fallback !== null && typeof value.fallback === "object" && !Array.isArray(value.fallback)
      ? value.fallback
      : value);
}

function isChart(node) {
  return typeof node?.type === "string" && node.type.startsWith("Chart.");
}

function isPeoplePicker(query) {
  return query?.type === "Data.Query" && PEOPLE_PICKER_DATASETS.includes(query.dataset);
}

function ourChecks(card, errors) {
  const inputIds = new Map();
  walk(card, "$", (node, path) => {
    switch (node.type) {
      case "Action.Execute":
        if (typeof node.verb !== "string" || node.verb.trim() === "") {
          errors.push(`${path}: Action.Execute has no verb (the bot could not tell which button was pressed)`);
        }
        if (node.fallback?.type !== "Action.Submit") {
          errors.push(`${path}: Action.Execute needs a fallback of type Action.Submit for clients without Universal Actions`);
        }
        break;
      case "TextBlock":
        if (typeof node.text !== "string" || node.text.trim() === "") {
          errors.push(`${path}: TextBlock has no text`);
        }
        break;
      case "Input.ChoiceSet":
        if (node["choices.data"] !== undefined && !isPeoplePicker(node["choices.data"])) {
          errors.push(`${path}: choices.data must be a Data.Query over ${PEOPLE_PICKER_DATASETS.join(" or ")} (the Teams people picker)`);
        }
        break;
      case "Image":
        if (typeof node.url !== "string" || node.url.trim() === "") {
          errors.push(`${path}: Image has no url`);
        }
        break;
      default:
        if (isChart(node)) {
          if (!TEAMS_CHART_TYPES.includes(node.type)) {
            errors.push(`${path}: ${node.type} is not a chart type Teams renders (${TEAMS_CHART_TYPES.join(", ")})`);
          }
          if (!CHART_FALLBACK_TYPES.includes(node.fallback?.type)) {
            errors.push(`${path}: ${node.type} needs a fallback of type ${CHART_FALLBACK_TYPES.join(", ")} (Teams mobile does not render charts)`);
          }
          if (!Array.isArray(node.data) || node.data.length === 0) {
            errors.push(`${path}: ${node.type} has no data`);
          }
        }
        break;
    }

    if (typeof node.type === "string" && node.type.startsWith("Input.") && typeof node.id === "string") {
      if (inputIds.has(node.id)) {
        errors.push(`${path}: duplicate input id "${node.id}" (also at ${inputIds.get(node.id)}); input ids must be unique in a card`);
      } else {
        inputIds.set(node.id, path);
      }
    }
  });
}

/** Visits every object of the card, including nested containers, action sets and fallbacks, but not action data. */
function walk(node, path, visit) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
    return;
  }

  if (node === null || typeof node !== "object") return;
  visit(node, path);
  const isAction = typeof node.type === "string" && node.type.startsWith("Action.");
  for (const [key, value] of Object.entries(node)) {
    // Action data is the bot's own payload and msteams holds host options; neither contains card objects.
    if ((isAction && key === "data") || key === "msteams") continue;
    walk(value, `${path}.${key}`, visit);
  }
}
