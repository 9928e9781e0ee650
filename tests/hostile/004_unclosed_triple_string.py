s = """abc

print(s)
