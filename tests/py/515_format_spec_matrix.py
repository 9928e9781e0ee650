# str.format of floats and ints across many specs: g/#g/n/,/_/%/e/f with signs, fill, zero-padding, specials
vals = [0, 1, -1, 12345.6789, -0.0, 1e-10, 123456789012.0, float("inf"), float("nan"), 2.5, 0.5, 1e16, 9.999999e15]
specs = ["", "g", "#g", ".0f", ".0e", ".3g", "#.3g", "n", ",", "_", "+.2f", " .1f", "=+10.2f", "010.3f", "^12.4e", ".0%", "#.0f", "e", "G", ".15g", ".17g", "r" if False else "%"]
for v in vals:
    row = []
    for sp in specs:
        try:
            row.append(("{:" + sp + "}").format(v))
        except ValueError as e:
            row.append("ValueError")
    print(row)
for n in (0, 7, -255, 10 ** 20, True):
    print([("{:" + sp + "}").format(n) for sp in ("", "b", "#o", "x", "#X", ",", "_b", "+d", " d", "08d", "^9", "c" if n in (0, 7) else "d", "n", "e", ".2f", "%")])
