#!/usr/bin/env bash
# Scaling out: run whosaid under Apache Spark (local mode) with RDD.pipe, and check it against a
# direct run.
#
#   scripts/spark_pipe.sh                     # 2000 records, local[2]
#   SPARK_RECORDS=20000 scripts/spark_pipe.sh
#
# 1. installs pyspark from PyPI into a virtualenv under target/spark/venv if it is not there
#    (needs Java 17 or later on PATH, or JAVA_HOME);
# 2. builds the release binary and writes a small JSON Lines corpus from the fixture articles
#    (benches/gen_corpus.py) to target/spark/corpus.jsonl;
# 3. runs scripts/spark_pipe.py with master local[2]: textFile -> repartition -> pipe(whosaid
#    extract --jsonl --format jsonl -) -> saveAsTextFile(target/spark/out);
# 4. runs `whosaid extract --jsonl --format jsonl` on the same corpus directly, and checks that the
#    Spark rows, sorted, are the same as the direct rows, sorted (so the same count too).
#
# Environment: SPARK_RECORDS (default 2000), SPARK_MASTER (default local[2]), SPARK_PARTITIONS
# (default 4), SPARK_NO_BUILD=1 (do not run cargo build), PIP_SPEC (default pyspark).
set -euo pipefail

cd "$(dirname "$0")/.."
RECORDS=${SPARK_RECORDS:-2000}
MASTER=${SPARK_MASTER:-local[2]}
PARTS=${SPARK_PARTITIONS:-4}
DIR=target/spark
VENV=$DIR/venv
BIN=target/release/whosaid
mkdir -p "$DIR"

say() { printf 'spark_pipe: %s\n' "$*" >&2; }

# --- Java and pyspark --------------------------------------------------------------------------
command -v java >/dev/null || [[ -n "${JAVA_HOME:-}" ]] \
    || { say "Java is needed (Spark 4 wants 17 or later): apt-get install openjdk-17-jre-headless"; exit 2; }
say "$(java -version 2>&1 | head -1)"
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
    say "installing ${PIP_SPEC:-pyspark} into $VENV"
    python3 -m venv "$VENV" || { say "python3 -m venv failed (Debian: apt-get install python3-venv)"; exit 2; }
    "$VENV/bin/pip" install --quiet "${PIP_SPEC:-pyspark}" || { say "pip install ${PIP_SPEC:-pyspark} failed"; exit 2; }
fi
say "pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)')"

# --- binary and corpus -------------------------------------------------------------------------
if [[ "${SPARK_NO_BUILD:-0}" != 1 ]]; then
    cargo build --release --quiet
fi
CORPUS=$DIR/corpus.jsonl
python3 benches/gen_corpus.py --records "$RECORDS" --out "$CORPUS"

# --- Spark -------------------------------------------------------------------------------------
rm -rf "$DIR/out"
say "running Spark: master $MASTER, $PARTS partitions"
SPARK_N=$(PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" scripts/spark_pipe.py "$CORPUS" \
    --bin "$BIN" --master "$MASTER" --partitions "$PARTS" --out "$DIR/out" 2> "$DIR/spark.log") \
    || { say "the Spark job failed; the end of $DIR/spark.log:"; tail -30 "$DIR/spark.log" >&2; exit 1; }
grep '^spark_pipe:' "$DIR/spark.log" >&2 || true
cat "$DIR"/out/part-* | LC_ALL=C sort > "$DIR/spark.sorted"

# --- direct run and comparison -----------------------------------------------------------------
"$BIN" extract --jsonl --format jsonl "$CORPUS" -o "$DIR/direct.jsonl"
LC_ALL=C sort "$DIR/direct.jsonl" > "$DIR/direct.sorted"
DIRECT_N=$(wc -l < "$DIR/direct.jsonl")
SPARK_ROWS=$(wc -l < "$DIR/spark.sorted")

echo "records: $(wc -l < "$CORPUS") ($(stat -c %s "$CORPUS") bytes)"
echo "spark rows (RDD.pipe, $MASTER, $PARTS partitions): $SPARK_N (in the saved files: $SPARK_ROWS)"
echo "direct rows (whosaid extract --jsonl --format jsonl): $DIRECT_N"
if [[ "$SPARK_N" == "$DIRECT_N" && "$SPARK_ROWS" == "$DIRECT_N" ]] && cmp -s "$DIR/spark.sorted" "$DIR/direct.sorted"; then
    echo "OK: same rows (compared sorted)"
else
    echo "MISMATCH: see $DIR/spark.sorted and $DIR/direct.sorted"
    diff "$DIR/spark.sorted" "$DIR/direct.sorted" | head -10 || true
    exit 1
fi
