-- The cart scenario: logged-in shoppers (BENCH_TOKENS, comma-separated JWTs) alternately add
-- a SKU (POST /cart/) and set its count back to one (PUT /cart/), each request as the next
-- shopper, to the URL's path. The same requests go to the ceiling, which answers with a constant.
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  tokens[#tokens + 1] = token
end
local sku = os.getenv("BENCH_SKU") or "1"
local n = 0

request = function()
  n = n + 1
  local token = tokens[(math.floor(n / 2) % #tokens) + 1]  -- each shopper's POST, then their PUT
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "JWT " .. token}
  if n % 2 == 1 then
    return wrk.format("POST", wrk.path, headers, '{"sku_id": ' .. sku .. ', "count": 1, "selected": true}')
  end
  return wrk.format("PUT", wrk.path, headers, '{"sku_id": ' .. sku .. ', "count": 1, "selected": true}')
end
