-- wrk script of bin/bench device-config: every request asks for the configuration of a random device among those
-- listed in $BENCH_DEVICE_TOKENS (lines "<deviceId> <token>"), with that device's own token. With
-- $BENCH_DEVICE_DELAY_MS set, each connection waits that long before each request, which holds the total rate near
-- connections * 1000 / delay (a paced run: wrk2 is not packaged here). With $BENCH_DEVICE_REFERENCE_PATH set, every
-- request is a GET of that path instead (the reference, paced alike).
local pause = tonumber(os.getenv("BENCH_DEVICE_DELAY_MS") or "")
local reference = os.getenv("BENCH_DEVICE_REFERENCE_PATH")
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  if reference then
    requests[1] = wrk.format("GET", reference)
    return
  end
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
  for line in io.lines(os.getenv("BENCH_DEVICE_TOKENS")) do
    local id, token = line:match("^(%S+) (%S+)$")
    if id then
      requests[#requests + 1] = wrk.format("GET", "/v1/devices/" .. id .. "/config",
        { ["Authorization"] = "Bearer " .. token })
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
