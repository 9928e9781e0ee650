# \N{...} escapes in string literals: names, aliases, computed names, case.
s = '\N{LATIN SMALL LETTER E WITH ACUTE}'
print(s, len(s), hex(ord(s)))
print(ascii('\N{EM DASH}\N{EN DASH}\N{BULLET}'))
print('\N{latin capital letter a}\N{Latin Small Letter B}\N{DIGIT THREE}')
# Aliases (corrections, controls, abbreviations, figments).
for c in ['\N{NULL}', '\N{NUL}', '\N{LINE FEED}', '\N{LF}', '\N{NBSP}', '\N{BOM}',
          '\N{BYTE ORDER MARK}', '\N{ZWNBSP}', '\N{LATIN CAPITAL LETTER GHA}',
          '\N{PADDING CHARACTER}', '\N{VS1}', '\N{VS256}', '\N{nbsp}']:
    print(hex(ord(c)), end=' ')
print()
# Computed names: CJK unified ideographs and Hangul syllables.
print(ascii('\N{CJK UNIFIED IDEOGRAPH-4E00}\N{CJK UNIFIED IDEOGRAPH-04E01}'))
print(ascii('\N{CJK UNIFIED IDEOGRAPH-3400}\N{CJK UNIFIED IDEOGRAPH-2B740}\N{CJK UNIFIED IDEOGRAPH-3134A}'))
print(ascii('\N{HANGUL SYLLABLE GA}\N{HANGUL SYLLABLE GAG}\N{HANGUL SYLLABLE HIH}\N{HANGUL SYLLABLE A}'))
# Names with numbers and hex in them, astral characters.
print(ascii('\N{CJK COMPATIBILITY IDEOGRAPH-F900}\N{cjk compatibility ideograph-2f800}'))
print(ascii('\N{TANGUT COMPONENT-001}\N{NUSHU CHARACTER-1B170}\N{KHITAN SMALL SCRIPT CHARACTER-18B00}'))
print(ascii('\N{GRINNING FACE}\N{PILE OF POO}'), len('\N{GRINNING FACE}'))
print(ascii('\N{TIBETAN LETTER -A}\N{TIBETAN MARK BKA- SHOG YIG MGO}\N{HYPHEN-MINUS}'))
# Next to other escapes and text, in every kind of literal that decodes them.
print(ascii('a\N{EM DASH}b\tc\x41\N{EM DASH}\u2014\U0001F600é\N{EM DASH}'))
print(ascii(u'\N{DIGIT ONE}' '\N{DIGIT TWO}' "\N{DIGIT THREE}"))
print(ascii('''\N{EM DASH}
\N{EN DASH}'''), ascii("""\N{BULLET}"""))
# Where \N is not an escape: raw strings, escaped backslashes, bytes.
print(r'\N{EM DASH}', '\\N{EM DASH}', len(r'\N{EM DASH}'))
print(b'\N{EM DASH}', rb'\N{X}', len(b'\N{EM DASH}'))
print('\N{EM DASH}' == '\u2014', '\N{NULL}' == '\x00', '\N{SPACE}'.isspace())
d = {'\N{EM DASH}': 1}
print(d['\u2014'], '\N{LATIN SMALL LETTER SHARP S}'.upper())
