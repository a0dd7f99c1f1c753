#!/usr/bin/env bash
# CLI throughput against the Rust batch API on a large JSON Lines file, and
# the CLI's peak RSS (BENCHMARKS.md, "Command line").
#
#   bash benches/cli_throughput.sh [POSTS] [ROUNDS]      # default 1000000 posts, 2 rounds
#
# Writes /tmp/signaal-posts-POSTS.jsonl (not committed) with benches/gen_posts.py,
# then runs, ROUNDS times in turn: the batch API (examples/batch_throughput.rs,
# texts in memory, analyze_batch over chunks of 4096) and
# `signaal analyze FILE -o /dev/null` under /usr/bin/time -v (whole process:
# read, parse, analyse, serialise, write). Prints posts/s, the ratio and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
ROUNDS="${2:-2}"
FILE="/tmp/signaal-posts-$N.jsonl"
TARGET="${CARGO_TARGET_DIR:-target}"
[ -s "$FILE" ] || python3 benches/gen_posts.py "$N" > "$FILE"
cargo build --release -q -p signaal-cli && cargo build --release -q -p signaal --example batch_throughput
echo "file: $FILE ($(du -m "$FILE" | cut -f1) MB, $N posts); $(nproc) CPUs; load average $(cut -d' ' -f1 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  api=$("$TARGET/release/examples/batch_throughput" "$FILE")
  api_rate=$(echo "$api" | sed -E 's/.*: ([0-9]+) posts\/s.*/\1/')
  /usr/bin/time -v "$TARGET/release/signaal" analyze "$FILE" -o /dev/null 2> /tmp/signaal-time.txt
  secs=$(grep "Elapsed (wall clock)" /tmp/signaal-time.txt | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident" /tmp/signaal-time.txt | awk '{print $NF}')
  cpu=$(grep "Percent of CPU" /tmp/signaal-time.txt | awk '{print $NF}')
  cli_rate=$(python3 -c "print(round($N / $secs))")
  echo "round $r: batch API $api_rate posts/s; CLI $cli_rate posts/s ($secs s, CPU $cpu, peak RSS $((rss / 1024)) MB); CLI / API = $(python3 -c "print(f'{$cli_rate / $api_rate:.2f}')")"
done
echo "load average at the end $(cut -d' ' -f1 /proc/loadavg)"
