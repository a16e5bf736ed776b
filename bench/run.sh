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
