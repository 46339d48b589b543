-- KEYS, ARGV: the circuit (see circuit() in the prelude).
-- Opens it in one step: the flag holds 1 for the circuit timeout, the counts are gone, a half-open round starts.
open_circuit(circuit())
return {1}
