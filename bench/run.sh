#!/usr/bin/env bash
# Times the everyday commands on a generated ten-year store, side by side with
# Taskwarrior on the same 50,000 items, and writes the results to
# docs/performance-results.md.
#
#   bash bench/run.sh              # store in /var/tmp/saypro-bench (made if missing)
#   BENCH_STORE=/path bash bench/run.sh
#
# Needs hyperfine, taskwarrior and GNU time; installs them with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
store=${BENCH_STORE:-/var/tmp/saypro-bench}
work=${BENCH_WORK:-/var/tmp/saypro-bench-work}
out=$repo/docs/performance-results.md
mkdir -p "$repo/docs"
export SAYPRO_NOW=2026-11-24 NO_COLOR=1 SAYPRO_CONFIG=/nonexistent

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v task >/dev/null || need+=(taskwarrior)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen-store
saypro=$repo/target/release/saypro
if [ ! -f "$store/saypro.toml" ]; then
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

hyperfine --warmup 3 --min-runs 10 --style basic --export-markdown "$work/times.md" \
  -n "saypro action list --owner" "$saypro action list --owner $owner" \
  -n "task project:OWNER list" "task project:$owner list" \
  -n "saypro action list --overdue" "$saypro action list --overdue" \
  -n "task +OVERDUE list" "task +OVERDUE list" \
  -n "saypro remind" "$saypro remind" \
  -n "saypro report agenda next" "$saypro report agenda next" \
  -n "saypro report minutes latest" "$saypro report minutes latest" \
  -n "saypro report summary latest" "$saypro report summary latest" \
  -n "saypro meeting list (a month)" "$saypro meeting list --from 2026-11-01 --to 2026-11-30" \
  -n "saypro action add" "$saypro -q action add 'Benchmark action' --owner $owner --due +7d" \
  -n "saypro action done" --prepare "$saypro -q action update $action --status open" "$saypro -q action done $action" \
  -n "saypro check (warm cache)" "$saypro check" \
  -n "saypro check (no cache)" "SAYPRO_NO_CACHE=1 $saypro check" \
  -n "cat of every record" "find . -name '*.yaml' -print0 | xargs -0 cat > /dev/null"
"$saypro" -q action update "$action" --status open
# hyperfine takes one --prepare for all commands or one each: the driver gets a run of its own.
hyperfine --warmup 3 --min-runs 20 --style basic --export-markdown "$work/driver.md" \
  --prepare "$driver_prepare" \
  -n "saypro merge-driver (one action)" "$saypro merge-driver $work/base.yaml $work/ours.yaml $work/theirs.yaml $open_file"

# `saypro sync` taking in 100 commits of others' work, against git's own pull of the
# same commits. The store goes into git once: a bare origin, "theirs" with 100 commits
# of check-ins, KPI values and new actions, "mine" with check-ins of its own on the
# same actions, so that the merge driver runs. Each run starts from the same state,
# with the index refreshed a second later (as on a clone in use, not one just reset).
sync=$work/sync
if [ ! -f "$sync/ready" ]; then
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
base=$(git -C "$sync/mine" rev-parse origin/main)
sync_prepare="git -C $sync/origin.git update-ref refs/heads/main theirs-tip && git -C $sync/mine reset -q --hard mine-base && git -C $sync/mine update-ref refs/remotes/origin/main $base && sleep 1 && git -C $sync/mine status -s >/dev/null"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
(cd "$sync/mine" && "$saypro" -q check >/dev/null || true)   # the parse cache, as on a clone in use
hyperfine --warmup 1 --min-runs 5 --style basic --export-markdown "$work/sync.md" \
  --prepare "$sync_prepare" \
  -n "git pull (100 commits, with the driver)" "git -C $sync/mine pull -q --no-rebase --no-edit" \
  -n "saypro sync (100 commits)" "cd $sync/mine && $saypro -q sync"

mem() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d)."
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
  echo "- Memory: $(free -g | awk '/Mem:/ {print $2}') GiB; kernel $(uname -r)"
  echo "- Store: $(find . -name '*.yaml' | wc -l) record files, $(du -sh --apparent-size . | cut -f1) ($("$saypro" meeting list --format csv | tail -n +2 | wc -l) meetings, $(find actions -name '*.yaml' | wc -l) actions of which $(ls actions/*.yaml | wc -l) open, $(find kpis -name '*.yaml' | wc -l) KPIs)"
  echo "- saypro $("$saypro" --version | cut -d' ' -f2), $(task --version | head -1 | sed 's/^/Taskwarrior /')"
  echo
  echo "## Times"
  echo
  cat "$work/times.md"
  tail -n +3 "$work/driver.md"
  tail -n +3 "$work/sync.md"
  echo
  echo "## Peak memory"
  echo
  echo "| command | peak RSS |"
  echo "| --- | --- |"
  echo "| saypro action list --owner | $(mem "$saypro" action list --owner "$owner") KB |"
  echo "| saypro remind | $(mem "$saypro" remind) KB |"
  echo "| saypro report summary latest | $(mem "$saypro" report summary latest) KB |"
  echo "| saypro check (warm cache) | $(mem "$saypro" check) KB |"
  echo "| saypro check (no cache) | $(SAYPRO_NO_CACHE=1 mem "$saypro" check) KB |"
} > "$out"
echo "Wrote $out"
