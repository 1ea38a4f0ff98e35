-- wrk script: devices reporting telemetry in batches of 1000 events.
-- FLEET_SIZE unset: every event comes from a device not seen before (the costliest case: each
-- registers a device and writes a health-gate row). FLEET_SIZE=n: the events cycle over n devices
-- per wrk thread (steady state: known devices reporting again).
-- Mix: 70 % HEARTBEAT, 25 % INSTALLED, 5 % CRASH, all on the version under rollout.
-- Env: DEVICE_KEY, PRODUCT, VERSION (default 2.0.0), BATCH (default 1000), FLEET_SIZE.
local key = os.getenv("DEVICE_KEY")
local product = os.getenv("PRODUCT")
local version = os.getenv("VERSION") or "2.0.0"
local batch = tonumber(os.getenv("BATCH") or "1000")
local counter = 0
local fleet = tonumber(os.getenv("FLEET_SIZE") or "0")
local prefix = "tb-" .. tostring(math.random(1, 1e9)) .. "-"

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end

local at = os.date("!%Y-%m-%dT%H:%M:%SZ")

request = function()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    local r = counter % 20
    local kind = "HEARTBEAT"
    if r == 0 then kind = "CRASH" elseif r < 6 then kind = "INSTALLED" end
    local device = counter
    if fleet > 0 then device = counter % fleet end
    parts[i] = '{"deviceId":"' .. prefix .. (id or "") .. "-" .. device .. '","productId":"' .. product ..
      '","version":"' .. version .. '","type":"' .. kind .. '","at":"' .. at .. '"}'
  end
  return wrk.format(nil, "/api/v1/telemetry", nil, '{"events":[' .. table.concat(parts, ",") .. ']}')
end

local accepted = 0
response = function(status, headers, body)
  if status ~= 202 then
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 200) .. "\n")
  end
end

done = function(summary, latency, requests)
  local events = summary.requests * batch
  io.write(string.format("events/s: %.0f (%d requests of %d events in %.1f s, %d errors)\n",
    events / (summary.duration / 1e6), summary.requests, batch, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
