#!/usr/bin/env bash
# Load test of the intake service (issue 7), on loopback only: STATIONS
# simulated scanner stations upload PAGES pages at once (each its share, in
# batches of BATCH files) to a local `berkas serve`; WORKERS `berkas work`
# processes read them; one worker is killed with kill -9 once KILL_AT of the
# pages are read, and restarted. At the end the database must hold every
# uploaded page exactly once, all jobs done, none dead.
#
#   bench/service_load.sh [PAGES=2000] [STATIONS=8] [WORKERS=2]
#
# Environment: SEED (first generator seed, default 6701), BATCH (files per
# upload, default 50), KILL_AT (share of pages read before the kill, 0.3),
# WORK (scratch folder, default /tmp/berkas-load; its generated pages are
# reused when present).
set -euo pipefail
cd "$(dirname "$0")/.."
BERKAS="$PWD/build/berkas"
PAGES="${1:-2000}" STATIONS="${2:-8}" WORKERS="${3:-2}"
SEED="${SEED:-6701}" BATCH="${BATCH:-50}" KILL_AT="${KILL_AT:-0.3}"
WORK="${WORK:-/tmp/berkas-load}"
PER_STATION=$((PAGES / STATIONS))
[ -x "$BERKAS" ] || { echo "build first: scripts/setup.sh" >&2; exit 1; }

mkdir -p "$WORK"
chmod 755 "$WORK"
export BERKAS_HOME="$WORK/home"
unset BERKAS_DATABASE_URL

# --- pages: one generated set per station (distinct seeds), two at a time
for ((s = 1; s <= STATIONS; s++)); do
  dir="$WORK/pages-$PER_STATION-$((SEED + s))"
  if [ ! -f "$dir/truth.jsonl" ]; then
    rm -rf "$dir"
    "$BERKAS" generate --pages "$PER_STATION" --seed $((SEED + s)) --out "$dir" >/dev/null &
    (( s % 2 == 0 )) && wait
  fi
done
wait

# --- a fresh store, users, server, workers
[ -d "$BERKAS_HOME" ] && "$BERKAS" db stop >/dev/null 2>&1 || true
rm -rf "$BERKAS_HOME"
mkdir -p "$BERKAS_HOME"
chmod 755 "$BERKAS_HOME"
LOG="$WORK/processes.log"
: >"$LOG"
for ((s = 1; s <= STATIONS; s++)); do
  printf 'station-password-%d\n' "$s" | "$BERKAS" user add "station$s" --role scanner >/dev/null
done
"$BERKAS" serve --port 0 >"$WORK/serve.out" 2>>"$LOG" &
SERVER=$!
PIDS=()
cleanup() {
  kill "${PIDS[@]}" "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" && break; sleep 0.2; done
PORT=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$WORK/serve.out")
URL="http://127.0.0.1:$PORT"
DB=$("$BERKAS" db url)
sql() { psql -qAtX "$DB" -c "$1"; }

start_worker() { "$BERKAS" work --threads 1 --lease 10 --name "$1" >>"$LOG" 2>&1 & echo $!; }
for ((w = 1; w <= WORKERS; w++)); do PIDS+=("$(start_worker "worker-$w")"); done

# --- stations upload at once
echo "== $STATIONS stations upload $((PER_STATION * STATIONS)) pages ($BATCH files per batch) to $URL; $WORKERS workers"
T0=$(date +%s.%N)
STATION_PIDS=()
for ((s = 1; s <= STATIONS; s++)); do
  (
    token=$(curl -sf -d "{\"username\":\"station$s\",\"password\":\"station-password-$s\"}" "$URL/api/login" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    mapfile -t files < <(ls "$WORK/pages-$PER_STATION-$((SEED + s))/scans/"*.jpg | sort)
    for ((i = 0; i < ${#files[@]}; i += BATCH)); do
      args=()
      for f in "${files[@]:i:BATCH}"; do args+=(-F "files=@$f;filename=station$s/$(basename "$f")"); done
      code=$(curl -s -o "$WORK/upload-$s-$i.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -F "label=station$s batch $((i / BATCH + 1))" "${args[@]}" "$URL/api/batches")
      [ "$code" = 201 ] || { echo "station$s: upload answered $code: $(cat "$WORK/upload-$s-$i.json")" >&2; exit 1; }
    done
  ) &
  STATION_PIDS+=($!)
done
for p in "${STATION_PIDS[@]}"; do wait "$p"; done
T_UPLOADED=$(date +%s.%N)
TOTAL=$((PER_STATION * STATIONS))
echo "uploads acknowledged after $(python3 -c "print(round($T_UPLOADED - $T0, 1))") s"

# --- kill -9 one worker mid-run, restart it
while (($(sql "SELECT count(*) FROM pages") < $(python3 -c "print(int($TOTAL * $KILL_AT))"))); do sleep 2; done
until [ "$(sql "SELECT count(*) FROM jobs WHERE state = 'running' AND worker = 'worker-1'")" -ge 1 ]; do sleep 0.2; done
HELD=$(sql "SELECT id FROM jobs WHERE state = 'running' AND worker = 'worker-1' LIMIT 1")
kill -9 "${PIDS[0]}"
T_KILL=$(date +%s.%N)
echo "killed worker-1 (kill -9) holding job $HELD with $(sql "SELECT count(*) FROM pages") pages read"
sleep 3
PIDS[0]=$(start_worker "worker-1-restarted")

# --- until every batch is settled
while (($(sql "SELECT count(*) FROM batches WHERE completed_at IS NULL") > 0)); do sleep 5; done
T_DONE=$(date +%s.%N)

echo "== results"
sql "SELECT 'pages stored           ' || count(*) FROM pages"
sql "SELECT 'distinct (file, page)  ' || count(DISTINCT (source_file_id, page_no)) FROM pages"
sql "SELECT 'source files read      ' || count(*) FILTER (WHERE read_status = 'read') || ' of ' || count(*) FROM source_files"
sql "SELECT 'jobs by state          ' || string_agg(state || '=' || n, ' ') FROM (SELECT state, count(*) n FROM jobs GROUP BY state) s"
sql "SELECT 'page jobs run twice    ' || count(*) FROM jobs WHERE kind = 'read_page' AND attempts > 1"
sql "SELECT 'killed job now         ' || state || ' by ' || worker || ', attempt ' || attempts FROM jobs WHERE id = $HELD"
sql "SELECT 'documents stored       ' || count(*) FROM documents"
sql "SELECT 'page time-to-read median ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.read_at - b.created_at))::numeric, 1) || ' s, p95 ' || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM p.read_at - b.created_at))::numeric, 1) || ' s' FROM pages p JOIN source_files s ON s.id = p.source_file_id JOIN batches b ON b.id = s.batch_id"
sql "SELECT 'batch time-to-processed median ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at))::numeric, 1) || ' s, max ' || round(max(extract(epoch FROM completed_at - created_at))::numeric, 1) || ' s' FROM batches"
ELAPSED=$(python3 -c "print(round($T_DONE - $T0, 1))")
echo "all $TOTAL pages processed ${ELAPSED} s after the first upload began: $(python3 -c "print(round($TOTAL / ($T_DONE - $T0), 2))") pages/s"
echo "after the kill: $(python3 -c "print(round($T_DONE - $T_KILL, 1))") s to finish"

for p in "$SERVER" "${PIDS[@]}"; do
  echo "peak RSS $(tr '\0' ' ' </proc/"$p"/cmdline | cut -d' ' -f2-3): $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/"$p"/status) MiB"
done

# --- the verdict
ok=1
[ "$(sql "SELECT count(*) FROM pages")" = "$TOTAL" ] || { echo "FAIL: pages stored != $TOTAL"; ok=0; }
[ "$(sql "SELECT count(*) FROM source_files WHERE read_status = 'read'")" = "$TOTAL" ] || { echo "FAIL: files not all read"; ok=0; }
[ "$(sql "SELECT count(*) FROM jobs WHERE state <> 'done'")" = 0 ] || { echo "FAIL: jobs not done"; ok=0; }
[ "$(sql "SELECT count(*) FROM jobs WHERE kind = 'read_page'")" = "$TOTAL" ] || { echo "FAIL: page jobs != $TOTAL"; ok=0; }
[ "$(sql "SELECT attempts > 1 FROM jobs WHERE id = $HELD")" = t ] || { echo "FAIL: the killed job was not run again"; ok=0; }
((ok)) && echo "PASS: every uploaded page processed exactly once, none lost"
"$BERKAS" db stop >/dev/null
((ok))
