-- wrk script of bin/bench scan: every request is the 40-network scan (POST /v1/devices/{id}/scans) of a random device
-- among the lines "<deviceId> <token> <body>" of $BENCH_SCAN_REQUESTS (scan.sh writes them: which networks, and which
-- plugin identifies them), with that device's own token. With $BENCH_SCAN_DELAY_MS set, each connection waits that
-- long before each request (a paced run at about half the maximum rate).
local pause = tonumber(os.getenv("BENCH_SCAN_DELAY_MS") or "")
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
  for line in io.lines(os.getenv("BENCH_SCAN_REQUESTS")) do
    local id, token, body = line:match("^(%S+) (%S+) (.+)$")
    if id then
      requests[#requests + 1] = wrk.format("POST", "/v1/devices/" .. id .. "/scans",
        { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
    end
  end
end

function request()
  return requests[math.random(#requests)]
end

if pause then
  function delay()
    return pause
  end
end
