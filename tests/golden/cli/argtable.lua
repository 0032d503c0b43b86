local t = {} for i = -9, 9 do if arg[i] ~= nil then t[#t + 1] = i .. "=" .. arg[i] end end io.write("ARG ", table.concat(t, "\031"), "\n")
