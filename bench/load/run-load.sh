#!/usr/bin/env bash
# Load measurement for `cxr serve` on 127.0.0.1 (never another address). Reproducible: same image, same phases.
#   1. the predictor's own throughput, in process, no HTTP (the ceiling);
#   2. single-image predictions (raw 224x224 JPEG body, no heatmap) at concurrency 1, 4 and 16, closed loop;
#   3. an open loop at 2x the sustainable rate (the concurrency-16 throughput) for 60 s, with the server's resident
#      memory sampled every second: only 200/429/503 may come back, and RSS in the last 10 s must stay within 20% of
#      the first 10 s.
# Usage: bench/load/run-load.sh [model.onnx] [image.jpeg]   (defaults: models/cxr-default.onnx, first val PNEUMONIA image)
# Env: SECONDS_PER_RUN (default 20), OVERLOAD_SECONDS (default 60), PORT (default 5090), SERVE_ARGS (extra --Cxr:... settings).
# Not part of CI. Writes bench/load/results/<UTC time>.txt and prints a Markdown table for docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
model="${1:-models/cxr-default.onnx}"
image="${2:-$(ls "${CXR_DATA:-$here/../shared/data/chest_xray}"/val/PNEUMONIA/*.jpeg | head -1)}"
run_seconds="${SECONDS_PER_RUN:-20}"
overload_seconds="${OVERLOAD_SECONDS:-60}"
port="${PORT:-5090}"
url="http://127.0.0.1:$port/"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -f "$model" ] || { echo "run-load: no model at $model (pass one: bench/load/run-load.sh FILE.onnx)" >&2; exit 1; }
dotnet build bench/Cxr.LoadTest -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/Cxr.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
load="dotnet bench/Cxr.LoadTest/bin/Release/net10.0/Cxr.LoadTest.dll"
mkdir -p bench/load/results
out="bench/load/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uname -r), model $model ($(sha256sum "$model" | cut -c1-12)), image $(basename "$image") ($(stat -c %s "$image") bytes)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"

for cfg in "1 1" "1 2" "2 1"; do
  $load predictor "$model" "$image" $cfg "$run_seconds" | tee -a "$out"
done

# Rate limiting off: this measures the inference path and its load shedding, not the per-client limit.
dotnet src/Cxr.Cli/bin/Release/net10.0/cxr.dll serve --model "$model" --urls "http://127.0.0.1:$port" \
  --Cxr:RateLimit:PermitsPerMinute=0 ${SERVE_ARGS:-} >bench/load/results/serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "${url}health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "${url}health/ready" >/dev/null

for c in 1 4 16; do
  $load closed "$url" "$image" "$c" "$run_seconds" | tee -a "$out"
done

sustainable=$(grep 'mode=closed concurrency=16 ' "$out" | tail -1 | sed -E 's/.* rps=([0-9.]+).*/\1/')
rate=$(awk -v r="$sustainable" 'BEGIN { printf "%.0f", 2 * r }')
echo "# overload: 2 x $sustainable req/s = $rate req/s for $overload_seconds s" | tee -a "$out"
$load open "$url" "$image" "$rate" "$overload_seconds" "$server" | tee -a "$out" || true

echo
echo "Markdown:"
awk '
  /mode=predictor/ { for (i=1;i<=NF;i++) { split($i,kv,"="); v[kv[1]]=kv[2] }
    printf "| predictor in process, %s caller(s), %s intra-op thread(s) | %s | %s | %s | |\n", v["callers"], v["intra"], v["rps"], v["p50"], v["p99"] }
  /mode=closed/ { for (i=1;i<=NF;i++) { split($i,kv,"="); v[kv[1]]=kv[2] }
    printf "| HTTP, concurrency %s | %s | %s | %s | %s |\n", v["concurrency"], v["rps"], v["p50"], v["p99"], v["statuses"] }
' "$out"
echo "Results: $out"
