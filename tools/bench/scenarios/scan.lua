-- wrk script of bin/bench scan: every request is a 40-network scan (POST /v1/devices/{id}/scans) of a random device
-- among those listed in $BENCH_SCAN_TOKENS (lines "<deviceId> <token>"), with that device's own token: 20 networks
-- named Hotspot-<n> (the plugin host identifies them) and 20 others. With $BENCH_SCAN_DELAY_MS set, each
-- connection waits that long before each request (a paced run at about half the maximum rate).
local pause = tonumber(os.getenv("BENCH_SCAN_DELAY_MS") or "")
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local function body(seed)
  local networks = {}
  for i = 1, 40 do
    local ssid
    if i <= 20 then ssid = "Hotspot-" .. ((seed + i) % 60) else ssid = "Home-" .. ((seed * 7 + i) % 500) end
    networks[#networks + 1] = string.format(
      '{"ssid":"%s","bssid":"02:00:%02x:%02x:%02x:%02x","security":"WPA2-EAP","rssi":%d}',
      ssid, seed % 256, math.floor(seed / 256) % 256, i, (seed + i) % 256, -40 - (i % 50))
  end
  return '{"cellularAvailable":true,"networks":[' .. table.concat(networks, ",") .. ']}'
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
  local n = 0
  for line in io.lines(os.getenv("BENCH_SCAN_TOKENS")) do
    local id, token = line:match("^(%S+) (%S+)$")
    if id then
      n = n + 1
      requests[#requests + 1] = wrk.format("POST", "/v1/devices/" .. id .. "/scans",
        { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body(n))
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
