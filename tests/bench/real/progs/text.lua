-- lua: string patterns, tables and table.sort over the text.
local freq, lines, sum, pairs_ = {}, 0, 0, {}
local prev
-- pairs of consecutive words, for the first words of each line only
-- (all of them make a table too big for the time budget)
for line in io.lines(arg[1]) do
  lines = lines + 1
  for num in line:gmatch("%d+") do sum = sum + tonumber(num) end
  local i = 0
  for w in line:lower():gmatch("%a+") do
    freq[w] = (freq[w] or 0) + 1
    i = i + 1
    if prev and i <= 3 then local k = prev .. "+" .. w; pairs_[k] = (pairs_[k] or 0) + 1 end
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
