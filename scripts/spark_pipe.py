#!/usr/bin/env python3
"""Run whosaid as a streaming filter under Apache Spark with RDD.pipe.

Each partition of a JSON Lines corpus ({"id": …, "text": …}, one record a line) is piped through

    whosaid extract --jsonl --format jsonl -

which reads the records from standard input and writes one JSON object per quote (the CSV's
columns), so the output is again one record a line and the partitions' outputs simply concatenate
(no CSV header per partition). Rows carry the record's id in `doc`, so partitioning does not change
them; only their order depends on the partitioning.

    python3 scripts/spark_pipe.py CORPUS.jsonl                       # local[2], print the row count
    python3 scripts/spark_pipe.py CORPUS.jsonl --out DIR              # also save the rows (DIR/part-*)
    python3 scripts/spark_pipe.py 'hdfs:///corpus/*.jsonl' --master yarn --bin /opt/whosaid/whosaid

On a cluster the binary must exist at --bin on every executor (ship it with `spark-submit --files`
or install it on the nodes). scripts/spark_pipe.sh installs pyspark and runs this locally.
"""
import argparse
import os
import shlex
import sys
import time


def main():
    ap = argparse.ArgumentParser(description="Pipe a JSON Lines corpus through whosaid with Spark RDD.pipe")
    ap.add_argument("corpus", help="JSON Lines input (a path or a glob Spark understands)")
    ap.add_argument("--bin", default="target/release/whosaid", help="the whosaid binary (default: %(default)s)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default: %(default)s)")
    ap.add_argument("--partitions", type=int, default=None,
                    help="repartition the lines into this many partitions (default: 2 x default parallelism)")
    ap.add_argument("--threads", type=int, default=1,
                    help="whosaid --threads per pipe process (default 1: Spark already runs one process per core)")
    ap.add_argument("--out", help="save the output rows as text files in this folder (must not exist)")
    ap.add_argument("--collect", action="store_true", help="collect the rows to the driver and print them")
    args = ap.parse_args()

    from pyspark import SparkConf, SparkContext

    binary = args.bin
    if os.sep in binary and os.path.exists(binary):
        binary = os.path.abspath(binary)  # executors may not share the driver's working directory
    cmd = f"{shlex.quote(binary)} extract --jsonl --format jsonl --threads {args.threads} -"

    conf = (SparkConf().setAppName("whosaid-pipe").setMaster(args.master)
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        t0 = time.time()
        lines = sc.textFile(args.corpus)
        parts = args.partitions or 2 * sc.defaultParallelism
        # checkCode=True: a whosaid exit status other than 0 (a skipped record, a bad flag) fails the task.
        rows = lines.repartition(parts).pipe(cmd, checkCode=True)
        if args.out:
            rows.saveAsTextFile(args.out)
            n = sc.textFile(args.out).count()
        elif args.collect:
            collected = rows.collect()
            for r in collected:
                print(r)
            n = len(collected)
        else:
            n = rows.count()
        dt = time.time() - t0
        print(f"spark_pipe: {n} rows from {args.corpus} via `{cmd}` "
              f"({parts} partitions, master {args.master}, {dt:.1f} s)", file=sys.stderr)
        print(n)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
