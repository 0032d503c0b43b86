local function helper()
  error("from sub")
end
helper()
