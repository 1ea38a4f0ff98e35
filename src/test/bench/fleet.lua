-- wrk script: a fleet of FLEET_SIZE devices (default 1,000,000) polling in turn; every request
-- is another device, so the first FLEET_SIZE requests register the whole fleet.
-- Env: DEVICE_KEY, PRODUCT, FLEET_SIZE, WRK_THREADS (must equal wrk's -t), DEVICE_PREFIX (default
-- "host-": another prefix is another fleet).
local key = os.getenv("DEVICE_KEY")
local prefix = os.getenv("DEVICE_PREFIX") or "host-"
local product = os.getenv("PRODUCT")
local fleet = tonumber(os.getenv("FLEET_SIZE") or "1000000")
local threads = 0
counter = 0

function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end

function request()
  local n = (first + counter * tonumber(os.getenv("WRK_THREADS") or "2")) % fleet
  counter = counter + 1
  return wrk.format("GET",
    "/api/v1/devices/" .. prefix .. n .. ".fleet.example.com/updates/" .. product .. "?platform=windows-x64",
    { ["Authorization"] = "Bearer " .. key })
end
