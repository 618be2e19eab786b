-- wrk script of bin/bench entitlement-check: POST /v1/entitlement-checks for a random device among
-- $BENCH_ENT_DEVICES devices ("dev-1".."dev-N") with the operator token $BENCH_ENT_TOKEN. With $BENCH_ENT_DELAY_MS set,
-- each connection waits that long before each request (a paced run near connections * 1000 / delay req/s).
local pause = tonumber(os.getenv("BENCH_ENT_DELAY_MS") or "")
local devices = tonumber(os.getenv("BENCH_ENT_DEVICES") or "1000")
local token = os.getenv("BENCH_ENT_TOKEN")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
end

function request()
  return wrk.format("POST", "/v1/entitlement-checks",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"deviceId":"dev-' .. math.random(devices) .. '"}')
end

if pause then
  function delay()
    return pause
  end
end
