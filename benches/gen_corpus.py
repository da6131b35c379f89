#!/usr/bin/env python3
"""Write a deterministic JSON Lines corpus {"id": ..., "text": ...} from the fixture articles.

The fixtures (tests/fixtures/*/*.txt by default: Italian, English, French) are cycled in sorted
order until the file holds at least --mb megabytes (10^6 bytes) or --records records. Each record
gets its record number appended to its headline (the first line), so that no two documents are
byte-identical; the output is the same on every run. With --join K, each record holds K articles
of one language, separated by a blank line (long documents: live blogs, transcripts, digests);
records take the languages in turn, and each language's articles in turn. A sidecar OUT.meta
remembers the parameters, and an existing corpus made with the same parameters and fixtures is
reused unless --force.

    python3 benches/gen_corpus.py --mb 200 --out target/bench/corpus-200mb.jsonl
    python3 benches/gen_corpus.py --records 500 --out target/spark/corpus.jsonl
    python3 benches/gen_corpus.py --mb 25 --join 64 --out target/bench/join64.jsonl
"""
import argparse
import glob
import hashlib
import json
import os
import sys


def esc(s):
    """The inside of a JSON string literal for s (UTF-8 kept as is)."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output file (.jsonl)")
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--mb", type=float, help="stop once the file holds this many MB (10^6 bytes)")
    size.add_argument("--records", type=int, help="write exactly this many records")
    ap.add_argument("--fixtures", default="tests/fixtures/*/*.txt", help="glob of the articles to cycle")
    ap.add_argument("--join", type=int, help="K articles of one language per record (even 1)")
    ap.add_argument("--force", action="store_true", help="rewrite even if an identical corpus exists")
    args = ap.parse_args()
    if args.join is not None and args.join < 1:
        sys.exit("gen_corpus: --join must be at least 1")

    files = sorted(glob.glob(args.fixtures))
    if not files:
        sys.exit(f"gen_corpus: no fixture matches {args.fixtures!r}")
    h = hashlib.sha256()
    pieces = []  # (id prefix, escaped headline, escaped rest)
    by_lang = {}  # language folder -> its pieces, for --join
    for f in files:
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        h.update(f.encode() + b"\0" + text.encode("utf-8") + b"\0")
        nl = text.find("\n")
        head, rest = (text, "") if nl < 0 else (text[:nl], text[nl:])
        lang = os.path.basename(os.path.dirname(f))
        stem = os.path.splitext(os.path.basename(f))[0]
        pieces.append((esc(f"{lang}/{stem}"), esc(head), esc(rest)))
        by_lang.setdefault(lang, []).append(pieces[-1])

    params = {"v": 1, "mb": args.mb, "records": args.records, "fixtures": h.hexdigest()}
    if args.join is not None:
        params["join"] = args.join
        params["join_by"] = "language"
    meta = json.dumps(params)
    meta_path = args.out + ".meta"
    if not args.force and os.path.exists(args.out) and os.path.exists(meta_path):
        with open(meta_path) as fh:
            if fh.read() == meta:
                print(f"gen_corpus: reusing {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)
                return
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if os.path.exists(meta_path):
        os.remove(meta_path)

    limit = None if args.mb is None else int(args.mb * 1_000_000)
    langs = sorted(by_lang)
    total = 0
    n = 0
    batch = []
    with open(args.out, "wb") as out:
        while True:
            if args.records is not None and n >= args.records:
                break
            if limit is not None and total >= limit:
                break
            if args.join is None:
                pid, head, rest = pieces[n % len(pieces)]
                line = f'{{"id": "{pid}#{n}", "text": "{head} ({n}){rest}"}}\n'.encode("utf-8")
            else:
                # K articles of one language (a document is in one language), the languages in
                # turn; each headline is tagged with the record and the article's place in it
                own = by_lang[langs[n % len(langs)]]
                first = (n // len(langs)) * args.join
                parts = []
                for a in range(first, first + args.join):
                    _, head, rest = own[a % len(own)]
                    parts.append(f"{head} ({n}.{a - first}){rest}")
                pid = own[first % len(own)][0]
                text = esc("\n\n").join(parts)
                line = f'{{"id": "{pid}+{args.join - 1}#{n}", "text": "{text}"}}\n'.encode("utf-8")
            batch.append(line)
            total += len(line)
            n += 1
            if len(batch) >= 4096:
                out.write(b"".join(batch))
                batch.clear()
        out.write(b"".join(batch))
    with open(meta_path, "w") as fh:
        fh.write(meta)
    print(f"gen_corpus: wrote {args.out}: {n} records, {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
