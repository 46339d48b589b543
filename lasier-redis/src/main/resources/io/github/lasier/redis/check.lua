-- KEYS: open flag. Answers {state} as open_state does, then any garbage removed.
return reply({open_state(KEYS[1])})
