#!/usr/bin/env bash
# Times the everyday commands on a generated ten-year store, side by side with
# Taskwarrior on the same 50,000 items, with and without the parse cache, and writes
# the results (times and peak memory of every row) to docs/performance-results.md.
#
#   bash bench/run.sh              # store in /var/tmp/saypro-bench (made if missing)
#   BENCH_STORE=/path bash bench/run.sh
#   BENCH_ONLY='check|cat' bash bench/run.sh
#       only the rows whose name matches the (extended) regular expression; the
#       results then go to $BENCH_WORK/performance-results.md, not to docs/
#   BENCH_PUBLISH_RUNS=3 BENCH_PUBLISH_TIMEOUT=600 bash bench/run.sh
#       runs of each publish row, and the seconds after which a publish is stopped
#       (its row then says so, and the script goes on)
#
# The script changes the store it times (it adds and closes actions): point
# BENCH_STORE at a copy to keep a store as it is. Needs hyperfine, taskwarrior and
# GNU time; installs them with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
store=${BENCH_STORE:-/var/tmp/saypro-bench}
work=${BENCH_WORK:-/var/tmp/saypro-bench-work}
only=${BENCH_ONLY:-}
publish_runs=${BENCH_PUBLISH_RUNS:-3}
publish_timeout=${BENCH_PUBLISH_TIMEOUT:-600}
out=$repo/docs/performance-results.md
[ -z "$only" ] || out=$work/performance-results.md
mkdir -p "$repo/docs"
export SAYPRO_NOW=2026-11-24 NO_COLOR=1 SAYPRO_CONFIG=/nonexistent
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v task >/dev/null || need+=(taskwarrior)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --locked --quiet --bin saypro --example floors
saypro=$repo/target/release/saypro
floors=$repo/target/release/examples/floors
if [ ! -f "$store/saypro.toml" ]; then
  cargo build --release --locked --quiet --example gen-store
  "$repo/target/release/examples/gen-store" --out "$store" --years 10 --departments 20
fi
cd "$store"

# The same actions as Taskwarrior tasks: owner as project, due dates, done ones completed.
mkdir -p "$work"
export TASKRC=$work/taskrc TASKDATA=$work/task
if [ ! -f "$work/imported" ]; then
  rm -rf "$TASKDATA" && mkdir -p "$TASKDATA"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=2.6.2\n' "$TASKDATA" > "$TASKRC"
  "$saypro" action list --all --format json > "$work/actions.json"
  python3 - "$work/actions.json" "$work/tasks.json" <<'PY'
import json, sys
actions = json.load(open(sys.argv[1]))
def ts(d): return d.replace("-", "") + "T000000Z"
tasks = []
for a in actions:
    t = {"description": a["title"], "project": a["owner"], "entry": ts(a.get("created") or "2016-01-01")}
    if a.get("due"): t["due"] = ts(a["due"])
    if a["status"] in ("done", "cancelled"):
        t["status"] = "completed" if a["status"] == "done" else "deleted"
        t["end"] = ts(a.get("completed") or a.get("due") or "2016-01-01")
    else:
        t["status"] = "pending"
    tasks.append(t)
json.dump(tasks, open(sys.argv[2], "w"))
PY
  task import "$work/tasks.json" >/dev/null 2>&1
  touch "$work/imported"
fi

owner=$("$saypro" action list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["owner"])')
action=$("$saypro" action list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
"$saypro" check >/dev/null   # fills the parse cache, as everyday use does

# Three versions of one action for the merge driver: a check-in on each side.
open_file=$(find actions -maxdepth 1 -name "*.yaml" -print -quit)
cp "$open_file" "$work/base.yaml"
printf -- '- date: 2026-11-20\n  by: %s\n  note: Ours\n' "$owner" > "$work/ours-extra"
printf -- '- date: 2026-11-21\n  by: %s\n  note: Theirs\n' "$owner" > "$work/theirs-extra"
driver_prepare="cp $work/base.yaml $work/ours.yaml && cat $work/ours-extra >> $work/ours.yaml"
cp "$work/base.yaml" "$work/theirs.yaml"
if grep -q '^checkins:' "$work/base.yaml"; then
  cat "$work/theirs-extra" >> "$work/theirs.yaml"
else
  printf 'checkins:\n' >> "$work/theirs.yaml"; cat "$work/theirs-extra" >> "$work/theirs.yaml"
  driver_prepare="cp $work/base.yaml $work/ours.yaml && printf 'checkins:\\n' >> $work/ours.yaml && cat $work/ours-extra >> $work/ours.yaml"
fi

# Every row: hyperfine's times (as JSON) and GNU time's peak memory of one more run,
# listed in rows.tsv as section, name, JSON file and peak memory (KB) or a note.
rm -rf "$work/rows" "$work/rows.tsv" && mkdir -p "$work/rows"
: > "$work/rows.tsv"
mem() { /usr/bin/time -f '%M' -o "$work/mem" bash -c "$1" >/dev/null 2>&1 || true; tail -1 "$work/mem"; }
wanted() { [ -z "$only" ] || [[ $1 =~ $only ]]; }
n=0
# row SECTION NAME PREPARE COMMAND [hyperfine options]
row() {
  local section=$1 name=$2 prepare=$3 cmd=$4
  shift 4
  wanted "$name" || return 0
  n=$((n + 1))
  local json=$work/rows/$n.json
  local opts=(--style basic --export-json "$json" "$@")
  [ -z "$prepare" ] || opts+=(--prepare "$prepare")
  if hyperfine "${opts[@]}" -n "$name" "$cmd"; then
    [ -z "$prepare" ] || bash -c "$prepare" >/dev/null 2>&1
    printf '%s\t%s\t%s\t%s\n' "$section" "$name" "$json" "$(mem "$cmd")" >> "$work/rows.tsv"
  else
    printf '%s\t%s\t\tfailed: see the output of the run\n' "$section" "$name" >> "$work/rows.tsv"
  fi
}
# Each command without the parse cache (a fresh clone: no .saypro-cache/) and with it.
cold_warm() {
  row "Without and with the parse cache" "$1 (no cache)" "rm -rf $store/.saypro-cache" "$2" --warmup 1 --min-runs "${3:-10}"
  row "Without and with the parse cache" "$1 (cache)" "" "$2" --warmup 3 --min-runs "${3:-10}"
}

everyday="Everyday commands (parse cache filled)"
row "$everyday" "saypro action list --owner" "" "$saypro action list --owner $owner" --warmup 3 --min-runs 10
row "$everyday" "task project:OWNER list" "" "task project:$owner list" --warmup 3 --min-runs 10
row "$everyday" "saypro action list --overdue" "" "$saypro action list --overdue" --warmup 3 --min-runs 10
row "$everyday" "task +OVERDUE list" "" "task +OVERDUE list" --warmup 3 --min-runs 10
row "$everyday" "saypro remind" "" "$saypro remind" --warmup 3 --min-runs 10
row "$everyday" "saypro report agenda next" "" "$saypro report agenda next" --warmup 3 --min-runs 10
row "$everyday" "saypro meeting list (a month)" "" "$saypro meeting list --from 2026-11-01 --to 2026-11-30" --warmup 3 --min-runs 10
row "$everyday" "saypro action add" "" "$saypro -q action add 'Benchmark action' --owner $owner --due +7d" --warmup 3 --min-runs 10
row "$everyday" "saypro action done" "$saypro -q action update $action --status open" "$saypro -q action done $action" --warmup 3 --min-runs 10
"$saypro" -q action update "$action" --status open
row "$everyday" "saypro merge-driver (one action)" "$driver_prepare" "$saypro merge-driver $work/base.yaml $work/ours.yaml $work/theirs.yaml $open_file" --warmup 3 --min-runs 20

cold_warm "saypro meeting list (to a pipe)" "$saypro meeting list | cat > /dev/null"
cold_warm "saypro action list --all --owner" "$saypro action list --all --owner $owner"
row "Without and with the parse cache" "saypro action list --all (cache)" "" "$saypro action list --all" --warmup 1 --min-runs 5
cold_warm "saypro kpi list" "$saypro kpi list"
cold_warm "saypro report actions" "$saypro report actions"
cold_warm "saypro report summary latest" "$saypro report summary latest"
cold_warm "saypro report minutes latest" "$saypro report minutes latest"
cold_warm "saypro check" "$saypro check" 5
row "Without and with the parse cache" "saypro report summary latest (SAYPRO_NO_CACHE=1)" "" "SAYPRO_NO_CACHE=1 $saypro report summary latest" --warmup 3 --min-runs 10
row "Without and with the parse cache" "saypro report minutes latest (SAYPRO_NO_CACHE=1)" "" "SAYPRO_NO_CACHE=1 $saypro report minutes latest" --warmup 3 --min-runs 10
row "Without and with the parse cache" "saypro check (SAYPRO_NO_CACHE=1)" "" "SAYPRO_NO_CACHE=1 $saypro check" --warmup 1 --min-runs 5
row "Without and with the parse cache" "cat of every record" "" "find . -name '*.yaml' -print0 | xargs -0 cat > /dev/null" --warmup 1 --min-runs 5

# What no reader of the same files can go below (examples/floors.rs): the stat of
# every action file that a list noticing every edit needs (`action list --all`), and
# the YAML library's parse, as events only and as typed records, of the files that
# the first summary (this year's closed actions and the KPIs), the first minutes (the
# open actions, this year's closed ones and the risks) and `check` without the cache
# (every record) must read.
floors_section="Floors: the work of any reader of the same files (examples/floors.rs)"
year=${SAYPRO_NOW:0:4}
row "$floors_section" "floors stat actions" "" "$floors stat actions" --warmup 3 --min-runs 10
row "$floors_section" "floors events actions/closed/$year kpis" "" "$floors events actions/closed/$year kpis" --warmup 3 --min-runs 10
row "$floors_section" "floors parse actions/closed/$year kpis" "" "$floors parse actions/closed/$year kpis" --warmup 3 --min-runs 10
row "$floors_section" "floors parse actions/closed/$year risks --only actions" "" "$floors parse actions/closed/$year risks --only actions" --warmup 3 --min-runs 10
row "$floors_section" "floors events actions kpis meetings risks" "" "$floors events actions kpis meetings risks" --warmup 1 --min-runs 5
row "$floors_section" "floors parse actions kpis meetings risks" "" "$floors parse actions kpis meetings risks" --warmup 1 --min-runs 5

# `saypro publish` of the whole store into an empty folder, and again after one
# `action done` (what changed is rewritten); the site, then the wiki. Each is tried
# once under a time limit first; one that does not finish in time gets a row that
# says so.
site=$work/site
wiki=$work/wiki
publish_row() {
  local name=$1 prepare=$2 cmd="$saypro -q publish ${3:-$site}"
  wanted "$name" || return 0
  bash -c "$prepare" >/dev/null 2>&1
  if /usr/bin/time -f '%M' -o "$work/mem" timeout "$publish_timeout" $cmd >/dev/null 2>&1; then
    row "publish" "$name" "$prepare" "$cmd" --runs "$publish_runs"
  else
    printf '%s\t%s\t\tdid not finish within %s s (stopped); peak memory %s KB\n' "publish" "$name" "$publish_timeout" "$(tail -1 "$work/mem")" >> "$work/rows.tsv"
  fi
}
publish_row "saypro publish (whole store, empty folder)" "rm -rf $site"
# The action is reopened and that published first, so the timed publish has a real
# change to show (closing it again would otherwise give the very bytes published).
publish_row "saypro publish (after one action done)" "[ -d $site ] || timeout $publish_timeout $saypro -q publish $site; $saypro -q action update $action --status open; $saypro -q publish $site; $saypro -q action done $action"
"$saypro" -q action update "$action" --status open
publish_row "saypro publish --format wiki (whole store, empty folder)" "rm -rf $wiki" "$wiki --format wiki"
publish_row "saypro publish --format wiki (after one action done)" "[ -d $wiki ] || timeout $publish_timeout $saypro -q publish $wiki --format wiki; $saypro -q action update $action --status open; $saypro -q publish $wiki --format wiki; $saypro -q action done $action" "$wiki --format wiki"
"$saypro" -q action update "$action" --status open

# `saypro sync` taking in 100 commits of others' work, against git's own pull of the
# same commits. The store goes into git once: a bare origin, "theirs" with 100 commits
# of check-ins, KPI values and new actions, "mine" with check-ins of its own on the
# same actions, so that the merge driver runs. Each run starts from the same state,
# with the index refreshed a second later (as on a clone in use, not one just reset).
# `saypro log` runs in "mine" too: the store's recent changes, and one action's history.
sync=$work/sync
sync_rows() { wanted "git pull" || wanted "saypro sync" || wanted "saypro log"; }
if sync_rows && [ ! -f "$sync/ready" ]; then
  rm -rf "$sync" && mkdir -p "$sync"
  git init -q --bare -b main "$sync/origin.git"
  cp -a "$store" "$sync/seed" && rm -rf "$sync/seed/.saypro-cache"
  g() { git -C "$1" -c user.name=Bench -c user.email=bench@example.org "${@:2}"; }
  g "$sync/seed" init -q -b main
  (cd "$sync/seed" && "$saypro" -q git setup)
  g "$sync/seed" add -A && g "$sync/seed" commit -qm "The ten-year store"
  g "$sync/seed" push -q "$sync/origin.git" main
  git clone -q "$sync/origin.git" "$sync/theirs" && git clone -q "$sync/origin.git" "$sync/mine"
  (cd "$sync/theirs" && "$saypro" -q git setup)
  (cd "$sync/mine" && "$saypro" -q git setup)
  mapfile -t open_ids < <(cd "$sync/theirs" && "$saypro" action list --format json | python3 -c 'import json,sys; [print(a["id"]) for a in json.load(sys.stdin)[:40]]')
  kpi=$(cd "$sync/theirs" && "$saypro" kpi list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  for i in $(seq 1 100); do
    (cd "$sync/theirs"
     case $((i % 3)) in
       0) "$saypro" -q action checkin "${open_ids[$((i % 40))]}" "Progress $i" ;;
       1) "$saypro" -q action add "Incoming action $i" --owner "$owner" --due +30d >/dev/null ;;
       2) "$saypro" -q kpi record "$kpi" "$(printf '%04d-%02d' $((2000 + i)) $((i % 12 + 1)))" "$i" ;;
     esac)
    g "$sync/theirs" add -A && g "$sync/theirs" commit -qm "Work $i"
  done
  for i in $(seq 0 4); do
    (cd "$sync/mine" && "$saypro" -q action checkin "${open_ids[$((i * 3))]}" "Mine $i")
  done
  g "$sync/mine" add -A && g "$sync/mine" commit -qm "My check-ins"
  g "$sync/mine" tag mine-base && g "$sync/theirs" tag theirs-tip
  g "$sync/theirs" push -q "$sync/origin.git" theirs-tip
  touch "$sync/ready"
fi
if sync_rows; then
  base=$(git -C "$sync/mine" rev-parse origin/main)
  sync_prepare="git -C $sync/origin.git update-ref refs/heads/main theirs-tip && git -C $sync/mine reset -q --hard mine-base && git -C $sync/mine update-ref refs/remotes/origin/main $base && sleep 1 && git -C $sync/mine status -s >/dev/null"
  export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
  (cd "$sync/mine" && "$saypro" -q check >/dev/null || true)   # the parse cache, as on a clone in use
  row "sync and log" "git pull (100 commits, with the driver)" "$sync_prepare" "git -C $sync/mine pull -q --no-rebase --no-edit" --warmup 1 --min-runs 5
  row "sync and log" "saypro sync (100 commits)" "$sync_prepare" "cd $sync/mine && $saypro -q sync" --warmup 1 --min-runs 5
  logged=$(cd "$sync/mine" && "$saypro" action list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  row "sync and log" "saypro log (recent changes)" "" "cd $sync/mine && $saypro log" --warmup 2 --min-runs 10
  row "sync and log" "saypro log ACTION (one record's history)" "" "cd $sync/mine && $saypro log $logged" --warmup 2 --min-runs 10
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d)${only:+ (only the rows matching \`$only\`)}."
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
  echo "- Memory: $(free -g | awk '/Mem:/ {print $2}') GiB; kernel $(uname -r)"
  echo "- Load average (1, 5, 15 minutes): $load_before before the run, $load_after after it; other work on the machine slows every row"
  echo "- Store: $(find . -name '*.yaml' | wc -l) record files, $(du -sh --apparent-size . | cut -f1) ($("$saypro" meeting list --format csv | tail -n +2 | wc -l) meetings, $(find actions -name '*.yaml' | wc -l) actions of which $(ls actions/*.yaml | wc -l) open, $(find kpis -name '*.yaml' | wc -l) KPIs)"
  echo "- saypro $("$saypro" --version | cut -d' ' -f2), $(task --version | head -1 | sed 's/^/Taskwarrior /')"
  echo
  echo "Times are wall-clock milliseconds over hyperfine's runs, with the file cache warm;"
  echo "\"no cache\" runs start without \`.saypro-cache/\` (as on a fresh clone). Peak memory is"
  echo "GNU time's maximum resident set size of one more run."
  python3 - "$work/rows.tsv" <<'PY'
import json, sys
sections = {}
for line in open(sys.argv[1]):
    section, name, path, extra = line.rstrip("\n").split("\t", 3)
    sections.setdefault(section, []).append((name, path, extra))
for section, rows in sections.items():
    print(f"\n## {section}\n")
    print("| command | mean ± σ [ms] | median [ms] | min [ms] | max [ms] | runs | peak memory |")
    print("|:---|---:|---:|---:|---:|---:|---:|")
    for name, path, extra in rows:
        if not path:
            print(f"| `{name}` | {extra} | | | | | |")
            continue
        r = json.load(open(path))["results"][0]
        ms = lambda s: f"{s * 1000:.1f}"
        mem = f"{int(extra) / 1024:.1f} MB" if extra.isdigit() else "?"
        print(f"| `{name}` | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['median'])}"
              f" | {ms(r['min'])} | {ms(r['max'])} | {len(r['times'])} | {mem} |")
PY
} > "$out"
echo "Wrote $out"
