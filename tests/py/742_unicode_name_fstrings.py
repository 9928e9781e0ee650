# \N{...} in f-strings: the braces of the name are not a replacement field.
x = 42
y = 'ab'
print(f'\N{EM DASH}{x}\N{EM DASH}')
print(ascii(f'{x}\N{BULLET}{y}\N{BULLET}'))
print(f'{{\N{EM DASH}}}', f'\N{LEFT CURLY BRACKET}{x}\N{RIGHT CURLY BRACKET}')
print(ascii(f'{x:\N{EM DASH}>6}'), ascii(f'{y:\N{MIDDLE DOT}^8}'))
w = 7
print(ascii(f'{x:{w}}\N{EN DASH}'), ascii(f'{x:\N{DIGIT ZERO}>{w}}'))
print(ascii(f'a' '\N{EM DASH}' f'{x}\N{BULLET}' 'z'))
print(ascii(F'\N{latin small letter e with acute}{x!r}\N{CJK UNIFIED IDEOGRAPH-4E00}'))
print(rf'\N{{EM DASH}}', fr'\N{{x}}')
print(ascii(f'\N{HANGUL SYLLABLE GA}' * 3), len(f'\N{GRINNING FACE}{x}'))
for name in ['\N{DIGIT ONE}', '\N{DIGIT TWO}']:
    print(f'{name}\N{FULL STOP}', end=' ')
print()
