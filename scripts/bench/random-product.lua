-- wrk script: GET /api/products/{id}$PATH_SUFFIX for a random id from the file given after "--"; an access
-- token given after the file ("-- ids-file token") is sent as "Authorization: Bearer <token>".
-- With COUNT_CACHE=1 it also counts X-Cache hit/miss answers (costs wrk some CPU, so only then).
-- done() prints one machine-readable line: RESULT requests req_per_s p50_ms p99_ms errors hits misses
local ids = {}
local suffix = os.getenv("PATH_SUFFIX") or ""
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if args[2] and #args[2] > 0 then wrk.headers["Authorization"] = "Bearer " .. args[2] end
  math.randomseed(os.time() * 1000 + id)
  hits, misses = 0, 0
end

function request()
  return wrk.format("GET", "/api/products/" .. ids[math.random(#ids)] .. suffix)
end

if os.getenv("COUNT_CACHE") == "1" then
  function response(status, headers, body)
    local c = headers["X-Cache"] or headers["x-cache"]
    if c == "hit" then hits = hits + 1 elseif c == "miss" then misses = misses + 1 end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local h, m = 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    m = m + (t:get("misses") or 0)
  end
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d %d %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, h, m))
end
