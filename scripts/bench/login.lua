-- wrk script: POST /api/auth/login with correct credentials, cycling through the accounts in the
-- file given after "--" (one "email password" a line; each thread starts at its own offset).
-- done() prints one machine-readable line:
--   RESULT requests ok_per_s p50_ms p99_ms errors non2xx statuses
-- (ok_per_s: 2xx answers, i.e. logins, per second;-- errors: wrk's socket errors and statuses >= 400; non2xx: every answer outside 200-299;
-- statuses: the non-2xx statuses seen, comma-separated, or "-")
local creds = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local email, password = line:match("^(%S+)%s+(%S+)$")
    if email then creds[#creds + 1] = string.format('{"email":"%s","password":"%s"}', email, password) end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  next_cred = id
  non2xx = 0
  bad = ""
end

function request()
  next_cred = next_cred % #creds + 1
  return wrk.format("POST", "/api/auth/login", nil, creds[next_cred])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if not bad:find("," .. status .. ",", 1, true) then bad = bad .. "," .. status .. "," end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local n, seen = 0, {}
  for _, t in ipairs(threads) do
    n = n + (t:get("non2xx") or 0)
    for s in (t:get("bad") or ""):gmatch("%d+") do seen[s] = true end
  end
  local statuses = {}
  for s in pairs(seen) do statuses[#statuses + 1] = s end
  table.sort(statuses)
  io.write(string.format("RESULT %d %.2f %.3f %.3f %d %d %s\n", summary.requests,
    (summary.requests - n) / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, n, #statuses > 0 and table.concat(statuses, ",") or "-"))
end
