if x then
else
else
end
