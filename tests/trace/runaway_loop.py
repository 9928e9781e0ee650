# Never ends: only the step limit (--max-steps) stops it.  Not an NN_ snippet (python3 would hang).
chain = []
while True:
    chain = [chain]
