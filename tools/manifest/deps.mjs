// Loads the pinned npm packages from tools/node_modules, with a clear message when they are missing.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function requireTool(name) {
  try {
    return require(name);
  } catch (error) {
    if (error?.code === "MODULE_NOT_FOUND") {
      console.error(`Cannot load the npm package "${name}": tools/node_modules is missing or incomplete. Run: npm ci --prefix tools`);
      process.exit(3);
    }
    throw error;
  }
}

export function resolveTool(request) {
  requireTool(request.split("/").slice(0, request.startsWith("@") ? 2 : 1).join("/"));
  return require.resolve(request);
}
