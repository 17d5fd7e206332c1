#!/usr/bin/env bash
# The local trial in one command: Azurite (tables), a local Microsoft Graph with the demo people and a calendar
# (tools/trial/MentorBot.Trial), MentorBot in Development with no app id on http://127.0.0.1:3978 (requests are not
# authenticated), and the Microsoft 365 Agents Playground, a Teams-like chat client, on http://127.0.0.1:56150 with
# the demo tenant of tools/trial/playground/.m365agentsplayground.yml. Then it seeds a demo program as its
# coordinator would (tools/trial/seed.mjs). Everything listens on 127.0.0.1 only. Ctrl+C stops everything.
#
# Settings (environment):
#   MENTORBOT_PORT, PLAYGROUND_PORT, AZURITE_PORT   ports (3978, 56150, 10002)
#   MENTORBOT_KEEP_DATA=1   keep tables in tools/.azurite between runs (default: fresh, in memory, every start)
#   MENTORBOT_SEED=0        start without the demo program
#   MENTORBOT_CONFIGURATION build configuration (Debug); MENTORBOT_NO_BUILD=1 uses what is built already
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bot_port=${MENTORBOT_PORT:-3978}
playground_port=${PLAYGROUND_PORT:-56150}
azurite_port=${AZURITE_PORT:-10002}
config=${MENTORBOT_CONFIGURATION:-Debug}
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/mentorbot-trial.XXXXXX")

pids=()
cleanup() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() { # url seconds what pid
  local i
  for i in $(seq 1 "$(( $2 * 4 ))"); do
    curl -fs -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { echo "$3 stopped before it answered on $1" >&2; exit 1; }
    sleep 0.25
  done
  echo "$3 did not answer on $1 within $2 s" >&2
  exit 1
}

# npm ci only when a pinned part is missing or the lockfile changed since they were installed.
if [ ! -f tools/node_modules/.package-lock.json ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ] \
  || [ ! -f tools/node_modules/azurite/dist/src/table/main.js ] \
  || [ ! -f tools/node_modules/@microsoft/m365agentsplayground/cli.js ] \
  || [ ! -f tools/node_modules/playwright-core/index.js ]; then
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi
if [ "${MENTORBOT_NO_BUILD:-0}" != 1 ]; then
  dotnet build src/MentorBot -c "$config" -nologo -v quiet
  dotnet build tools/trial/MentorBot.Trial -c "$config" -nologo -v quiet
fi

if [ "${MENTORBOT_KEEP_DATA:-0}" = 1 ]; then
  mkdir -p tools/.azurite
  storage=(--location tools/.azurite)
else
  storage=(--inMemoryPersistence)
fi
node tools/node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$azurite_port" \
  "${storage[@]}" --disableTelemetry --silent &
pids+=($!)

dotnet "tools/trial/MentorBot.Trial/bin/$config/net10.0/MentorBot.Trial.dll" --url-file "$run_dir/graph-url" &
pids+=($!)
for _ in $(seq 1 120); do [ -s "$run_dir/graph-url" ] && break; sleep 0.25; done
[ -s "$run_dir/graph-url" ] || { echo "the local Graph did not start" >&2; exit 1; }

# The demo coordinator (Casey Morgan) and a local Graph; jobs looked for every 2 s so the demo moves quickly.
ASPNETCORE_ENVIRONMENT=Development \
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${azurite_port}/devstoreaccount1;" \
Graph__BaseUrl="$(cat "$run_dir/graph-url")" \
Coordinators__UserIds__0=a1e7c0de-0000-4000-8000-000000000002 \
Jobs__PollSeconds=2 \
  dotnet "src/MentorBot/bin/$config/net10.0/MentorBot.dll" --contentRoot "$root/src/MentorBot" --urls "http://127.0.0.1:${bot_port}" &
pids+=($!)
wait_for "http://127.0.0.1:${bot_port}/health/ready" 120 "MentorBot" "${pids[-1]}"

# The Playground reads .m365agentsplayground.yml from its working folder.
(cd tools/trial/playground && TEAMSAPPTESTER_BROWSER=none exec node -r "$root/tools/loopback-only.cjs" \
  "$root/tools/node_modules/@microsoft/m365agentsplayground/cli.js" \
  -e "http://127.0.0.1:${bot_port}/api/messages" -c msteams -p "${playground_port}") &
pids+=($!)
wait_for "http://127.0.0.1:${playground_port}/_internal/v1/config" 60 "The Agents Playground" "${pids[-1]}"

if [ "${MENTORBOT_SEED:-1}" != 0 ]; then
  node tools/trial/seed.mjs "http://127.0.0.1:${playground_port}" "http://127.0.0.1:${bot_port}/api/messages"
fi

echo
echo "MentorBot is running. Open http://127.0.0.1:${playground_port}/ — you are Alex Rivera, a mentor paired with Mia Chen."
echo "Your personal chat has the expectations conversation; your meeting with Mia ends a minute after start and a"
echo "check-in follows. Answer \"Not working\" and look at the Coordinators channel. Type \"help\" any time."
echo "Press Ctrl+C to stop."
echo "TRIAL_READY"
# Until Ctrl+C, or until one part stops by itself: then the rest is stopped too (no half-running trial).
wait -n "${pids[@]}" || true
echo "A part of the local trial stopped by itself; stopping the rest." >&2
exit 1
