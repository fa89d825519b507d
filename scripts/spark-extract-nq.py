#!/usr/bin/env python3
"""Runs `unkg extract --format nq` over a corpus with Apache Spark: the file list is split into
partitions, each partition's paths are piped (RDD.pipe) through one unkg process on whichever
worker holds it, and the quads are collected into one N-Quads file for a bulk loader.

    spark-extract-nq.py FILES.list OUT.nq [PARTITIONS]

FILES.list holds one path a line; every worker must see the files at those paths (a shared
filesystem) and have unkg installed (or $UNKG set to it). Run it with `python3` for Spark's
local mode, or with `spark-submit --master spark://HOST:7077` on a cluster: the job is the same.
Load the result, then settle the stubs (see scripts/settle-stubs.ru):

    oxigraph load --location DIR --file OUT.nq
    oxigraph update --location DIR --update-file scripts/settle-stubs.ru
"""
import os
import sys

from pyspark import SparkConf, SparkContext

files_list, out_path = sys.argv[1], sys.argv[2]
partitions = int(sys.argv[3]) if len(sys.argv) > 3 else 4
unkg = os.environ.get("UNKG", "unkg")

with open(files_list, encoding="utf-8") as f:
    paths = [line.strip() for line in f if line.strip()]

conf = SparkConf().setAppName("unkg extract --format nq").setIfMissing("spark.master", "local[2]")
sc = SparkContext(conf=conf)
sc.setLogLevel("ERROR")
try:
    quads = (
        sc.parallelize(paths, partitions)
        .pipe(f"{unkg} extract --format nq --files-from -", env={"LC_ALL": "C.UTF-8"})
        .collect()
    )
finally:
    sc.stop()

with open(out_path, "w", encoding="utf-8") as out:
    for line in quads:
        out.write(line + "\n")
print(f"{len(paths)} files in {partitions} partitions: {len(quads)} quad lines", file=sys.stderr)
