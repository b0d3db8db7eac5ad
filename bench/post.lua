-- wrk script: POST the GraphQL body in $BODY_FILE with the bearer token in $TOKEN, and print
-- latency percentiles in a form bench/http.sh parses. With METHOD=GET it sends a plain GET of
-- the URL instead (a calendar feed), with If-None-Match: $IF_NONE_MATCH when that is set.
-- With DELAY_MS set, each connection waits that long before each request (a lighter load).
local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms and delay_ms > 0 then
  delay = function()
    return delay_ms
  end
end
if os.getenv("METHOD") == "GET" then
  wrk.method = "GET"
  local tag = os.getenv("IF_NONE_MATCH")
  if tag and tag ~= "" then
    wrk.headers["If-None-Match"] = tag
  end
else
  local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    (summary.errors.status or 0)))
end
