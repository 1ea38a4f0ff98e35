-- wrk script: one device checking in for one product again and again.
-- Env: DEVICE_KEY, PRODUCT, ETAG (optional: send If-None-Match to get 304s).
local key = os.getenv("DEVICE_KEY")
local product = os.getenv("PRODUCT")
local etag = os.getenv("ETAG")
wrk.headers["Authorization"] = "Bearer " .. key
if etag and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end
wrk.path = "/api/v1/devices/bench-device-1/updates/" .. product .. "?platform=windows-x64&current=0.9.0"
