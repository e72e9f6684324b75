#!/usr/bin/env bash
# npm run conformance — runs the W3C / W3C-CCG VC test suites against a freshly started service and
# prints one line per suite. The suites are not part of this repository (nor of npm test): point
# INTEROP_HOME at a checkout of the project's interop kit (setup.sh, run-suites.sh, localConfig.cjs)
# and run its setup.sh once. The service runs on PORT (default 3300) with its status lists
# published through the kit's https proxy on PORT+1, and signs with a did:key issuer, as the
# suites' resolvers need.
set -euo pipefail
: "${INTEROP_HOME:?set INTEROP_HOME to the interop kit folder (with setup.sh and run-suites.sh)}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-3300}"
ADMIN_TOKEN="conformance-admin-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
DATA_DIR="$(mktemp -d)"
trap 'kill "$service" 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT
cd "$repo"
PORT="$PORT" PUBLIC_URL="https://127.0.0.1:$((PORT + 1))" DATA_DIR="$DATA_DIR" ADMIN_TOKEN="$ADMIN_TOKEN" \
  RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=warn DEMO_ISSUER=false node --import tsx src/main.ts > "$DATA_DIR/service.log" 2>&1 &
service=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
issuer="$(curl -sf "http://127.0.0.1:$PORT/admin/issuers" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"slug":"conformance","legalName":"Conformance run","country":"MA","didMethod":"key"}')"
ISSUER_ID="$(node -e 'console.log(JSON.parse(process.argv[1]).did)' "$issuer")"
API_KEY="$(node -e 'console.log(JSON.parse(process.argv[1]).apiKey)' "$issuer")"
BASE_URL="http://127.0.0.1:$PORT" ISSUER_ID="$ISSUER_ID" AUTH_HEADER="Bearer $API_KEY" bash "$INTEROP_HOME/run-suites.sh"
