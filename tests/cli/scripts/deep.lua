local function rec(n)
  if n == 0 then
    local x = nil
    return x.y
  end
  return (rec(n - 1))
end
print(rec(tonumber(arg[1]) or 40))
