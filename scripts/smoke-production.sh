#!/usr/bin/env bash
# What the Dockerfile runs, tried without Docker (containers cannot be built on every machine): build,
# then in a fresh directory `npm ci --omit=dev` beside dist/ and drizzle/, start the compiled server
# as an unprivileged user on the embedded database (or DATABASE_URL), and check the health check,
# the console and a sign-up. Usage: npm run smoke:production
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${SMOKE_PORT:-3998}
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$repo"
npm run build
mkdir -p "$work/app" "$work/data"
cp package.json package-lock.json "$work/app/"
cp -r dist drizzle "$work/app/"
(cd "$work/app" && npm ci --omit=dev --no-audit --no-fund --prefer-offline)
if [ -d "$work/app/node_modules/tsx" ] || [ -d "$work/app/node_modules/typescript" ]; then
  echo "dev dependencies were installed" >&2
  exit 1
fi

as_user=()
if [ "$(id -u)" = 0 ]; then
  id -u aftercare >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin aftercare
  chmod 755 "$work"
  chown -R aftercare "$work/data"
  as_user=(runuser -u aftercare --)
fi

started=$(date +%s%N)
(cd "$work/app" && "${as_user[@]}" env NODE_ENV=production PORT="$port" DATA_DIR="$work/data" \
  AFTERCARE_OPEN_SIGNUP=true node dist/server/main.js) &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "healthy after $(( ($(date +%s%N) - started) / 1000000 )) ms"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">'
echo "console served"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d '{"tenantName":"冒烟测试店","email":"smoke@example.cn","password":"plum-blossom-tea-2718"}' \
  "http://127.0.0.1:$port/api/v1/auth/signup")
[ "$status" = 201 ] || { echo "sign-up answered $status" >&2; exit 1; }
echo "sign-up 201: the production install works as user ${as_user[2]:-$(id -un)}"
