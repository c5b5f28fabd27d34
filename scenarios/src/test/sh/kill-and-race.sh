#!/usr/bin/env bash
# Checks that `fusedsim run --out` is all or nothing, outside the unit tests (not run in CI):
#
#  (a) kill: a --force run into a directory holding a complete earlier run is killed with SIGKILL
#      at a delay that grows from run to run; after each kill the directory must hold exactly the
#      earlier run or exactly the new one (every file byte-identical to a reference output of that
#      run, perf.json aside, which holds wall-clock figures);
#  (b) race: two runs with different seeds are started at once into one fresh --out; exactly one
#      must succeed, the other exit 2 with one `error:` line, and the directory must hold exactly
#      the winner's output.
#
# Finally one more run must leave no hidden leftovers (staging, old, lock) of the killed ones.
# Usage: scenarios/src/test/sh/kill-and-race.sh [ROUNDS]   (default 20; needs the built CLI)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
fusedsim="$root/fusedsim"
scenario="$root/scenarios/catalog/syscall-latency.yaml"
rounds="${1:-20}"
work="$(mktemp -d "${TMPDIR:-/tmp}/fusedsim-kill-race.XXXXXX")"
trap 'rm -rf "$work"' EXIT
umask 022

"$fusedsim" --version >/dev/null || exit 3 # builds the CLI if needed, outside the timings

# same output as reference $2 (a directory), perf.json aside; perf.json must exist and parse
same() {
  local d="$1" ref="$2"
  [ -d "$d" ] || return 1
  diff -r -q -x perf.json "$d" "$ref" >/dev/null 2>&1 || return 1
  [ -s "$d/perf.json" ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$d/perf.json"
}

"$fusedsim" run "$scenario" --seed 1 --out "$work/ref1" >/dev/null || exit 3
"$fusedsim" run "$scenario" --seed 2 --out "$work/ref2" >/dev/null || exit 3
if same "$work/ref1" "$work/ref2"; then
  echo "the two seeds give the same output; cannot tell the runs apart" >&2
  exit 3
fi
mode=$(stat -c %a "$work/ref1/results.json")
echo "results.json mode under umask 022: $mode"

# (a) kill -9 at growing delays: from a tenth of an uninterrupted --force run's time to
# 1.6 times it, so that kills fall before the run, during it, around the swap and after it
mkdir -p "$work/kill"
cp -r "$work/ref1" "$work/kill/out"
start=$(date +%s%N)
"$fusedsim" run "$scenario" --seed 1 --out "$work/kill/out" --force >/dev/null || exit 3
took=$(( ($(date +%s%N) - start) / 1000000 ))
echo "an uninterrupted --force run takes ${took} ms"
cur=1 held=0 old=0 new=0 leftovers=0
for i in $(seq 1 "$rounds"); do
  next=$((3 - cur))
  delay=$(awk -v i="$i" -v n="$rounds" -v t="$took" \
    'BEGIN { printf "%.2f", t / 1000 * (0.1 + 1.5 * (i - 1) / (n > 1 ? n - 1 : 1)) }')
  "$fusedsim" run "$scenario" --seed "$next" --out "$work/kill/out" --force >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if same "$work/kill/out" "$work/ref$cur"; then
    held=$((held + 1)) old=$((old + 1)) state="earlier run"
  elif same "$work/kill/out" "$work/ref$next"; then
    held=$((held + 1)) new=$((new + 1)) state="new run" cur=$next
  else
    state="MIXED OR MISSING: $(ls -A "$work/kill/out" 2>&1 | tr '\n' ' ')"
  fi
  left=$(find "$work/kill" -mindepth 1 -maxdepth 1 -name '.*' | wc -l)
  [ "$left" -gt 0 ] && leftovers=$((leftovers + 1))
  printf 'kill %2d after %ss: %s; hidden leftovers beside it: %d\n' "$i" "$delay" "$state" "$left"
done
"$fusedsim" run "$scenario" --seed 1 --out "$work/kill/out" --force >/dev/null 2>&1
after=$(find "$work/kill" -mindepth 1 -maxdepth 1 -name '.*' | wc -l)
echo "kill: $held of $rounds held one complete run ($old the earlier, $new the new);" \
  "$leftovers left hidden leftovers, $after remain after one more run"

# (b) concurrent pairs into a fresh --out
raced=0
for i in $(seq 1 "$rounds"); do
  out="$work/race/out$i"
  mkdir -p "$work/race"
  "$fusedsim" run "$scenario" --seed 1 --out "$out" >/dev/null 2>"$work/race/e1" &
  p1=$!
  "$fusedsim" run "$scenario" --seed 2 --out "$out" >/dev/null 2>"$work/race/e2" &
  p2=$!
  wait "$p1"
  c1=$?
  wait "$p2"
  c2=$?
  ok=no
  if [ "$c1" = 0 ] && [ "$c2" = 2 ] && [ "$(wc -l <"$work/race/e2")" = 1 ] \
    && grep -q '^error: ' "$work/race/e2" && same "$out" "$work/ref1"; then
    ok="yes (seed 1 won)"
  elif [ "$c2" = 0 ] && [ "$c1" = 2 ] && [ "$(wc -l <"$work/race/e1")" = 1 ] \
    && grep -q '^error: ' "$work/race/e1" && same "$out" "$work/ref2"; then
    ok="yes (seed 2 won)"
  fi
  [ "${ok%% *}" = yes ] && raced=$((raced + 1))
  printf 'race %2d: exits %s and %s, one complete output: %s; loser: %s\n' "$i" "$c1" "$c2" "$ok" \
    "$(cat "$work/race/e1" "$work/race/e2" | head -n 1)"
done
hidden=$(find "$work/race" -mindepth 1 -maxdepth 1 -name '.*' | wc -l)
echo "race: $raced of $rounds pairs had exactly one success, one exit 2 and a complete output;" \
  "hidden leftovers: $hidden"

[ "$held" = "$rounds" ] && [ "$raced" = "$rounds" ] && [ "$after" = 0 ] && [ "$hidden" = 0 ] \
  && [ "$mode" = 644 ]
