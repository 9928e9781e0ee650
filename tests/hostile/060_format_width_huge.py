w = 10 ** 12
print(f"{'x':>{w}}")
