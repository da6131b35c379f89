#!/usr/bin/env python3
"""Writes the English first names of lexicons/en/gender.tsv from the US Social Security
Administration's baby-name files.

Source: "Baby Names from Social Security Card Applications - National Data", US Social Security
Administration (https://www.ssa.gov/oact/babynames/limits.html), a work of the US government and
so in the public domain; the yearly files yobYYYY.txt ("name,sex,count" a line).

A name is kept when at least 20,000 people born from 1930 to 2005 (the adults that news quotes)
were given it and at least 97% of them had one sex: the name then tells a person's gender, so that
"she said" does not point back to "John Park". Rare and shared names (Jordan, Taylor) are left out.

Usage: scripts/ssa_first_names.py DIR_OF_YOB_FILES > names.tsv   (one "name<TAB>m|f" a line,
sorted); merge the lines into lexicons/en/gender.tsv, whose own entries win.
"""
import collections
import os
import sys

FIRST, LAST = 1930, 2005
MIN_PEOPLE = 20000
MIN_SHARE = 0.97


def main(folder):
    counts = collections.defaultdict(lambda: [0, 0])
    for year in range(FIRST, LAST + 1):
        path = os.path.join(folder, f"yob{year}.txt")
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, sex, n = line.strip().split(",")
                counts[name][0 if sex == "M" else 1] += int(n)
    rows = []
    for name, (m, f) in counts.items():
        total = m + f
        if total < MIN_PEOPLE:
            continue
        if m / total >= MIN_SHARE:
            rows.append((name.lower(), "m"))
        elif f / total >= MIN_SHARE:
            rows.append((name.lower(), "f"))
    for name, g in sorted(rows, key=lambda r: r[0].encode()):
        print(f"{name}\t{g}")


if __name__ == "__main__":
    main(sys.argv[1])
