#!/usr/bin/env bash
# Throughput and memory benchmark of `whosaid extract --jsonl` (issue 5, "Performance and scale").
#
#   benches/bench.sh                  # full run: about 100 s on 2 cores, plus the build and, the first time, the corpora
#   BENCH_QUICK=1 benches/bench.sh    # tiny sizes, one run each: a few seconds (a smoke test)
#
# What it does:
#   1. builds the release binary (cargo build --release) and measures a copy of it,
#      target/bench/whosaid (a rebuild during the run does not change what is measured);
#   2. writes JSON Lines corpora {"id": …, "text": …} under target/bench/ from the fixture articles
#      (tests/fixtures/*/*.txt: Italian, English, French), cycled, each record's headline tagged with
#      its record number so that no two documents are byte-identical (benches/gen_corpus.py;
#      deterministic, and reused while the fixtures do not change);
#   3. threads: runs `whosaid extract --jsonl CORPUS -o /dev/null --threads T` on the main corpus
#      (BENCH_MB, default 200 MB) with 1 thread and with all cores, and prints MB/s, documents/s,
#      quotes/s, CPU seconds (user + system), MB per CPU second and peak memory (max RSS, from GNU
#      time);
#   4. scaling: the same with all cores at 1x, 4x and 16x a base size (BENCH_BASE_MB, default 25 MB,
#      so 16x is 400 MB), with the ratios to 1x: time should grow like the size, memory stay flat.
#   5. document length: the base size again, one thread, with 1, 8 and 64 articles of one language
#      joined into each document (gen_corpus.py --join, the languages in turn): the same kind of
#      text in longer documents should cost the same CPU time; memory grows with the largest.
#
# MB means 10^6 bytes of input (the JSONL file); MB/s is input bytes / wall seconds. Each
# measurement is run BENCH_RUNS times; the table gives the best (least disturbed) wall time, the
# median, and the largest max RSS. Quotes come from the summary line whosaid prints on standard
# error ("whosaid: N documents, M quotes, K skipped"); a binary that does not print it gets one extra
# run with `--format jsonl` (one line a quote). The column `other` is the share of the cores that
# other processes used during the run (from /proc/stat): when it is high, wall times are noisy, and
# CPU seconds are the figure to compare.
#
# Environment (all optional):
#   BENCH_QUICK=1        tiny sizes (BENCH_MB=4, BENCH_BASE_MB=0.5) and one run each
#   BENCH_MB=200         size of the corpus for the threads table, in MB
#   BENCH_BASE_MB=25     base size of the scaling table, in MB
#   BENCH_SCALES="1 4 16"  multiples of the base size
#   BENCH_THREADS="1 N"  thread counts of the threads table (N = nproc)
#   BENCH_JOINS="1 8 64" articles per document in the document-length table
#   BENCH_RUNS=3         runs per measurement (1 in quick mode)
#   BENCH_NO_BUILD=1     do not run cargo build (use the binary as it is)
#   BENCH_HYPERFINE=1    also compare 1 thread with all cores on the base corpus with hyperfine,
#                        when hyperfine is installed (apt-get install hyperfine)
#   WHOSAID=path         the binary to measure (default target/release/whosaid)
set -euo pipefail

cd "$(dirname "$0")/.."

NPROC=$(nproc)
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
    MB=${BENCH_MB:-4}
    BASE_MB=${BENCH_BASE_MB:-0.5}
    RUNS=${BENCH_RUNS:-1}
else
    MB=${BENCH_MB:-200}
    BASE_MB=${BENCH_BASE_MB:-25}
    RUNS=${BENCH_RUNS:-3}
fi
SCALES=${BENCH_SCALES:-"1 4 16"}
JOINS=${BENCH_JOINS:-"1 8 64"}
if [[ -n "${BENCH_THREADS:-}" ]]; then
    THREADS=$BENCH_THREADS
elif [[ $NPROC -gt 1 ]]; then
    THREADS="1 $NPROC"
else
    THREADS="1"
fi
BIN=${WHOSAID:-target/release/whosaid}
OUT=target/bench
mkdir -p "$OUT"

say() { printf '%s\n' "$*" >&2; }

T0=$(date +%s)

# --- tools -------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    say "bench: /usr/bin/time (GNU time) is missing; installing the Debian package 'time'"
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } || true
    fi
    [[ -x /usr/bin/time ]] || { say "bench: cannot install GNU time: run 'apt-get install time' and try again"; exit 2; }
fi
command -v python3 >/dev/null || { say "bench: python3 is needed (corpus generation, tables)"; exit 2; }

# --- build -------------------------------------------------------------------------------------
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
    say "bench: cargo build --release"
    cargo build --release --quiet
fi
[[ -x "$BIN" ]] || { say "bench: no binary at $BIN"; exit 2; }
# Measure a copy, so that a rebuild while the benchmark runs does not swap the binary under it.
BUILT=$(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC')
cp "$BIN" "$OUT/whosaid"
BIN=$OUT/whosaid

# --- corpora -----------------------------------------------------------------------------------
mb_name() { python3 -c "import sys; v=float(sys.argv[1]); print(('%g' % v).replace('.', '_'))" "$1"; }
corpus() {  # corpus SIZE_MB [JOIN] -> prints the path, generating it if needed
    local path="$OUT/corpus-$(mb_name "$1")mb"
    if [[ -n "${2:-}" ]]; then
        # JOIN articles of one language a document (gen_corpus.py --join)
        path="$path-join$2"
        python3 benches/gen_corpus.py --mb "$1" --join "$2" --out "$path.jsonl"
    else
        python3 benches/gen_corpus.py --mb "$1" --out "$path.jsonl"
    fi
    printf '%s\n' "$path.jsonl"
}
MAIN=$(corpus "$MB")
declare -A SCALE_CORPUS
for k in $SCALES; do
    SCALE_CORPUS[$k]=$(corpus "$(python3 -c "import sys; print(float(sys.argv[1]) * int(sys.argv[2]))" "$BASE_MB" "$k")")
done
declare -A JOIN_CORPUS
for j in $JOINS; do
    JOIN_CORPUS[$j]=$(corpus "$BASE_MB" "$j")
done

# --- measuring ---------------------------------------------------------------------------------
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
HZ=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }  # all CPUs, not idle
# measure TABLE LABEL THREADS CORPUS: BENCH_RUNS runs, one TSV line per run:
#   table label threads bytes docs wall_s user_s sys_s maxrss_kb summary_quotes busy_s
# busy_s is the CPU time the whole machine used during the run (/proc/stat), so that busy_s minus
# the run's own user + system time is what other work took meanwhile.
measure() {
    local table=$1 label=$2 threads=$3 corpus=$4
    local bytes docs
    bytes=$(stat -c %s "$corpus")
    docs=$(wc -l < "$corpus")
    for ((r = 1; r <= RUNS; r++)); do
        local tfile="$OUT/time.txt" efile="$OUT/stderr.txt" start end rc=0 b0 b1
        b0=$(busy_ticks)
        start=$(date +%s%N)
        /usr/bin/time -f '%U %S %M' -o "$tfile" \
            "$BIN" extract --jsonl "$corpus" -o /dev/null --threads "$threads" 2> "$efile" || rc=$?
        end=$(date +%s%N)
        b1=$(busy_ticks)
        if [[ $rc != 0 ]]; then
            say "bench: whosaid exited with $rc on $corpus (threads $threads):"
            tail -5 "$efile" >&2
            exit 1
        fi
        local q
        q=$(sed -n 's/^whosaid: \([0-9]*\) documents, \([0-9]*\) quotes.*/\2/p' "$efile" | tail -1)
        read -r user sys rss < <(tail -1 "$tfile")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$table" "$label" "$threads" "$bytes" "$docs" \
            "$(python3 -c "import sys; print((int(sys.argv[2]) - int(sys.argv[1])) / 1e9)" "$start" "$end")" \
            "$user" "$sys" "$rss" "${q:--}" \
            "$(python3 -c "import sys; print((int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[3]))" "$b0" "$b1" "$HZ")" \
            >> "$RESULTS"
        say "bench: $table $label threads=$threads run $r/$RUNS: $(tail -1 "$RESULTS" | cut -f6) s, CPU $user + $sys s, max RSS $rss KB"
    done
}

# Quotes in the main corpus: from the summary line if whosaid printed one, else one counting run.
count_quotes() {
    local q
    q=$(awk -F'\t' '$1 == "threads" && $10 != "-" { print $10; exit }' "$RESULTS")
    if [[ -z "$q" ]]; then
        say "bench: counting quotes (one extra run, --format jsonl)"
        "$BIN" extract --jsonl "$MAIN" --format jsonl -o "$OUT/quotes.jsonl" 2> "$OUT/stderr.txt" \
            || { say "bench: the counting run failed"; tail -5 "$OUT/stderr.txt" >&2; exit 1; }
        q=$(wc -l < "$OUT/quotes.jsonl")
        rm -f "$OUT/quotes.jsonl"
    fi
    printf '%s\n' "$q"
}

VERSION=$("$BIN" --version 2>/dev/null || echo "whosaid ?")
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then COMMIT="$COMMIT+dirty"; fi
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for t in $THREADS; do
    measure threads "$(basename "$MAIN")" "$t" "$MAIN"
done
QUOTES=$(count_quotes)
for k in $SCALES; do
    measure scaling "${k}x" "$NPROC" "${SCALE_CORPUS[$k]}"
done
for j in $JOINS; do
    measure length "$j" 1 "${JOIN_CORPUS[$j]}"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------
MEM_GIB=$(free -g | awk '/^Mem:/ {print $2}')
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
export VERSION COMMIT BUILT CPU LOAD_BEFORE LOAD_AFTER MEM_GIB NOW
python3 - "$RESULTS" "$QUOTES" "$NPROC" "$RUNS" <<'EOF'
import os, statistics, sys
from collections import OrderedDict

path, quotes, nproc, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = OrderedDict()
seen_quotes = {}  # corpus size -> quote counts printed by whosaid (every thread count, every run)
for line in open(path):
    table, label, threads, nbytes, docs, wall, user, sys_, rss, q, busy = line.rstrip("\n").split("\t")
    key = (table, label, int(threads))
    r = rows.setdefault(key, dict(bytes=int(nbytes), docs=int(docs), wall=[], cpu=[], rss=[], q=None))
    r["wall"].append(float(wall)); r["cpu"].append(float(user) + float(sys_)); r["rss"].append(int(rss))
    # share of the machine's cores that other work used during this run
    r.setdefault("other", []).append(max(0.0, float(busy) - float(user) - float(sys_)) / (float(wall) * nproc))
    if q != "-":
        r["q"] = int(q)
        seen_quotes.setdefault(int(nbytes), set()).add(int(q))

def table(head, body):
    w = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    fmt = lambda cells: "| " + " | ".join(str(c).rjust(n) for c, n in zip(cells, w)) + " |"
    print(fmt(head)); print("|" + "|".join("-" * (n + 1) + ":" for n in w) + "|")
    for b in body: print(fmt(b))

e = os.environ
print()
print(f"whosaid benchmark: {e['VERSION']}, commit {e['COMMIT']} (binary built {e['BUILT']}), run {e['NOW']}")
print(f"machine: {nproc} cores ({e['CPU']}), {e['MEM_GIB']} GiB; load average {e['LOAD_BEFORE']} before, {e['LOAD_AFTER']} after")
print(f"best wall time of {runs} run(s); MB = 10^6 input bytes; CPU s = user + system seconds of that run;")
print("MB/CPU s = input MB per CPU second (per core, the figure least moved by other work); max RSS = peak")
print("resident memory; other = share of the cores that other processes used during the best run")
busiest = max(x for r in rows.values() for x in r["other"])
if busiest > 0.05:
    print(f"NOTE: other work used up to {busiest:.0%} of the machine's cores during a run (column 'other'):")
    print("      wall times are noisy; CPU s and MB/CPU s are not.")
for size, qs in seen_quotes.items():
    if len(qs) > 1:
        print(f"WARNING: runs on the {size / 1e6:.1f} MB corpus found different quote counts: {sorted(qs)}")
print()
main = [(k, r) for k, r in rows.items() if k[0] == "threads"]
if main:
    (_, label, _), r0 = main[0]
    print(f"Threads: {label}, {r0['bytes'] / 1e6:.0f} MB, {r0['docs']} documents, {quotes} quotes")
    body = []
    base = None
    for (_, _, t), r in main:
        best, med, cpu = min(r["wall"]), statistics.median(r["wall"]), min(r["cpu"])
        base = base or best
        body.append([t, f"{best:.2f}", f"{med:.2f}", f"{r['bytes'] / 1e6 / best:.1f}",
                     f"{r['docs'] / best:,.0f}", f"{quotes / best:,.0f}", f"{cpu:.1f}",
                     f"{r['bytes'] / 1e6 / cpu:.1f}", f"{max(r['rss']) / 1024:.0f}", f"{base / best:.2f}x",
                     f"{r['other'][r['wall'].index(best)]:.0%}"])
    table(["threads", "wall s", "median s", "MB/s", "docs/s", "quotes/s", "CPU s", "MB/CPU s",
           "max RSS MB", "speed-up", "other"], body)
    print()
scal = [(k, r) for k, r in rows.items() if k[0] == "scaling"]
if scal:
    print(f"Scaling: {scal[0][0][2]} threads, 1x = {scal[0][1]['bytes'] / 1e6:.1f} MB")
    body = []
    b0 = None
    for (_, label, t), r in scal:
        best = min(r["wall"]); rss = max(r["rss"]); cpu = min(r["cpu"])
        b0 = b0 or (r["bytes"], best, rss, cpu)
        qps = f"{r['q'] / best:,.0f}" if r["q"] is not None else "-"
        body.append([label, f"{r['bytes'] / 1e6:.1f}", r["docs"], f"{best:.2f}", f"{r['bytes'] / 1e6 / best:.1f}", qps,
                     f"{cpu:.2f}", f"{rss / 1024:.0f}", f"{r['bytes'] / b0[0]:.2f}", f"{best / b0[1]:.2f}",
                     f"{cpu / b0[3]:.2f}", f"{rss / b0[2]:.2f}", f"{r['other'][r['wall'].index(best)]:.0%}"])
    table(["size", "MB", "docs", "wall s", "MB/s", "quotes/s", "CPU s", "max RSS MB",
           "size ratio", "time ratio", "CPU ratio", "RSS ratio", "other"], body)
    print()
    print("Linear time: the time and CPU ratios follow the size ratio. Flat memory: the RSS ratio stays")
    print("near 1. A time ratio away from the CPU ratio means a run waited for a core (other work).")
    print()
length = [(k, r) for k, r in rows.items() if k[0] == "length"]
if length:
    print(f"Document length: {length[0][1]['bytes'] / 1e6:.1f} MB, 1 thread, articles of one language joined into"
          f" longer documents; ratios to the first row ({length[0][0][1]} a document)")
    body = []
    c0 = None
    for (_, label, t), r in length:
        # the median CPU time: rows are compared with each other, and a best run can be lucky
        best = min(r["wall"]); cpu = statistics.median(r["cpu"]); rss = max(r["rss"])
        c0 = c0 or (cpu, rss)
        body.append([label, r["docs"], f"{r['bytes'] / r['docs'] / 1e3:.1f}", f"{best:.2f}",
                     f"{r['bytes'] / 1e6 / best:.1f}", f"{cpu:.2f}", f"{r['bytes'] / 1e6 / cpu:.1f}",
                     f"{rss / 1024:.0f}", f"{cpu / c0[0]:.2f}", f"{rss / c0[1]:.2f}",
                     f"{r['other'][r['wall'].index(best)]:.0%}"])
    table(["articles/doc", "docs", "KB/doc", "wall s", "MB/s", "median CPU s", "MB/CPU s", "max RSS MB",
           "CPU ratio", "RSS ratio", "other"], body)
    print()
    print("The same text in longer documents: the CPU ratio should stay near 1 (no cost that grows")
    print("faster than a document); memory grows only with the largest document.")
EOF

if [[ "${BENCH_HYPERFINE:-0}" == 1 ]]; then
    if command -v hyperfine >/dev/null; then
        HC=${SCALE_CORPUS[$(set -- $SCALES; echo "$1")]}
        echo
        echo "hyperfine: 1 thread vs $NPROC on $(basename "$HC")"
        hyperfine --style basic --runs "$(( RUNS < 2 ? 2 : RUNS ))" \
            "$BIN extract --jsonl $HC -o /dev/null --threads 1" \
            "$BIN extract --jsonl $HC -o /dev/null --threads $NPROC"
    else
        say "bench: BENCH_HYPERFINE=1 but hyperfine is not installed (apt-get install hyperfine); skipped"
    fi
fi

say "bench: done in $(( $(date +%s) - T0 )) s; raw runs in $RESULTS"
