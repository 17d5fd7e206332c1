#!/usr/bin/env bash
# Runs MentorBot locally with its defaults: Azurite (tables, kept in tools/.azurite), the bot in
# Development mode on http://127.0.0.1:3978 (no app id, so requests are not authenticated), and the
# Microsoft 365 Agents Playground, a Teams-like chat client, on http://127.0.0.1:56150. Ctrl+C stops all.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bot_port=${MENTORBOT_PORT:-3978}
playground_port=${PLAYGROUND_PORT:-56150}

npm ci --prefix tools --no-audit --no-fund --loglevel=error
mkdir -p tools/.azurite

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# UseDevelopmentStorage=true (the bot's default) means the table endpoint on 127.0.0.1:10002.
node tools/node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort 10002 \
  --location tools/.azurite --disableTelemetry --silent &
pids+=($!)

ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/MentorBot -- --urls "http://127.0.0.1:${bot_port}" &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:${bot_port}/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

TEAMSAPPTESTER_BROWSER=none node -r ./tools/loopback-only.cjs tools/node_modules/@microsoft/m365agentsplayground/cli.js \
  -e "http://127.0.0.1:${bot_port}/api/messages" -c msteams -p "${playground_port}" &
pids+=($!)

echo
echo "MentorBot is running. Open http://127.0.0.1:${playground_port}/ and type \"help\"."
echo "Press Ctrl+C to stop."
wait
