-- lua: string patterns, tables and table.sort over the text.
local freq, lines, sum, pairs_ = {}, 0, 0, {}
local prev
for line in io.lines(arg[1]) do
  lines = lines + 1
  for num in line:gmatch("%d+") do sum = sum + tonumber(num) end
  for w in line:lower():gmatch("%a+") do
    freq[w] = (freq[w] or 0) + 1
    if prev then local k = prev .. "+" .. w; pairs_[k] = (pairs_[k] or 0) + 1 end
    prev = w
  end
end
local function top(t, n)
  local a = {}
  for k, v in pairs(t) do a[#a + 1] = k end
  table.sort(a, function(x, y) if t[x] ~= t[y] then return t[x] > t[y] end return x < y end)
  for i = 1, n do io.write(string.format("%-16s %d\n", a[i], t[a[i]])) end
  return #a
end
local d = top(freq, 30)
local p = top(pairs_, 30)
print(string.format("lines %d sum %d distinct %d pairs %d", lines, sum, d, p))
