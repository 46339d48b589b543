-- KEYS: open flag. Answers {state} as open_state does.
local state, problem = open_state(KEYS[1])
if problem then
  return problem
end
return {state}
