-- wrk script of bin/bench eap-vectors: every request asks POST /v1/plugins/eap-aka/vectors for one AKA vector of a
-- random subscriber among $BENCH_EAP_SUBSCRIBERS (IMSI: $BENCH_EAP_IMSI_PREFIX, then 1 .. N in ten digits), with the
-- operator's token $BENCH_EAP_TOKEN.
local subscribers = tonumber(os.getenv("BENCH_EAP_SUBSCRIBERS"))
local prefix = os.getenv("BENCH_EAP_IMSI_PREFIX")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_EAP_TOKEN"),
                  ["Content-Type"] = "application/json" }
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
end

function request()
  local imsi = prefix .. string.format("%010d", math.random(subscribers))
  return wrk.format("POST", "/v1/plugins/eap-aka/vectors", headers, '{"imsi":"' .. imsi .. '","method":"AKA"}')
end
