# SyntaxError: yield at module level (the symbol table rejects it before anything runs)
print("never printed")
yield 1
