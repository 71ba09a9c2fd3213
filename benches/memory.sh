#!/usr/bin/env bash
# Peak resident memory of `engo export FILE.ndjson --out DIR --formats ndjson`, which streams
# NDJSON record by record, on the sample at scale 0.1 and at scale 1.
#
#   benches/memory.sh [path/to/engo]
#
# Without an argument it builds the binary (`cargo build --release -p engo-cli`). The peak is
# python3's resource.getrusage(RUSAGE_CHILDREN).ru_maxrss (KiB) around the one child process.
# The last line is machine-readable: `MEMORY <KiB at 0.1> <KiB at 1>` (read by ratios.rs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
engo=${1:-}
if [ -z "$engo" ]; then
    cargo build --release --quiet -p engo-cli --manifest-path "$root/Cargo.toml"
    engo="${CARGO_TARGET_DIR:-$root/target}/release/engo"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_kib() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

declare -A kib
for scale in 0.1 1; do
    input="$work/sample-$scale.ndjson"
    "$engo" --quiet sample --scale "$scale" --seed 1 --out "$input"
    kib[$scale]=$(peak_kib "$engo" --quiet export "$input" --out "$work/out-$scale" --formats ndjson)
    echo "scale $scale: $(du -m "$input" | cut -f1) MB of NDJSON, peak RSS ${kib[$scale]} KiB"
done
python3 -c "import sys; print(f'ratio scale 1 / scale 0.1: {int(sys.argv[2]) / int(sys.argv[1]):.2f}')" "${kib[0.1]}" "${kib[1]}"
echo "MEMORY ${kib[0.1]} ${kib[1]}"
