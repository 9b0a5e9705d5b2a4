#!/bin/sh
# make loadtest: create/migrate/seed insidan_load, serve it with gunicorn on loopback, run
# locust headless (it stops by itself), stop gunicorn, check for errors and lost writes.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SERVER=$(echo "$PG" | sed -E 's#/[^/]*$##')
export DJANGO_SETTINGS_MODULE=loadtest.settings
export LOAD_DATABASE_URL="${LOAD_DATABASE_URL:-$SERVER/insidan_load}"
export LOAD_USERS="${LOAD_USERS:-50}" LOAD_RUN_TIME="${LOAD_RUN_TIME:-60s}"
export LOAD_WORKERS="${LOAD_WORKERS:-3}" LOAD_PORT="${LOAD_PORT:-8089}"
OUT=loadtest/out
mkdir -p "$OUT"
rm -f "$OUT/acknowledged.json" "$OUT"/locust_*.csv "$OUT/gunicorn.log"

psql "$SERVER/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='insidan_load'" | grep -q 1 \
  || psql "$SERVER/postgres" -qc "CREATE DATABASE insidan_load"
$PY manage.py migrate --noinput -v0
$PY -m loadtest.seed

.venv/bin/gunicorn insidan.wsgi --bind "127.0.0.1:$LOAD_PORT" --workers "$LOAD_WORKERS" \
  --timeout 60 --error-logfile "$OUT/gunicorn.log" --capture-output &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$LOAD_PORT/konto/logga-in/" && break
  sleep 1
done

.venv/bin/locust -f loadtest/locustfile.py --headless --users "$LOAD_USERS" \
  --spawn-rate 10 --run-time "$LOAD_RUN_TIME" --stop-timeout 10 \
  --host "http://127.0.0.1:$LOAD_PORT" --csv "$OUT/locust" --only-summary \
  --exit-code-on-error 0 --loglevel WARNING
kill $GUNICORN; wait $GUNICORN 2>/dev/null || true
trap - EXIT
$PY -m loadtest.check
