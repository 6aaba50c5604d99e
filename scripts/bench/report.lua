-- wrk `done` hook for scripts/bench-public.sh: after wrk's own human-readable report, print one
-- machine-readable line with exact figures (wrk keeps latencies in microseconds), so the script
-- does not have to parse "1.23ms" / "850.00us" / "1.02s" from the text.
--
--   wrk -t2 -c64 -d10s --latency -s scripts/bench/report.lua URL
--   ... BENCH_RESULT {"requests":...,"requests_per_s":...,"p50_ms":...,...}

done = function(summary, latency, requests)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   local errors = e.connect + e.read + e.write + e.status + e.timeout
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_s":%.3f,"requests_per_s":%.1f,'
         .. '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,'
         .. '"bytes":%d,"errors":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,'
         .. '"errors_status":%d,"errors_timeout":%d}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
      summary.bytes, errors, e.connect, e.read, e.write, e.status, e.timeout))
end
