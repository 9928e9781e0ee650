# unicodedata's names (refgc has lookup, name and unidata_version).
import unicodedata
from unicodedata import lookup, name
print(unicodedata.unidata_version)
for n in ['EM DASH', 'em dash', 'LATIN SMALL LETTER E WITH ACUTE', 'NBSP', 'BOM', 'NULL',
          'CJK UNIFIED IDEOGRAPH-4E00', 'HANGUL SYLLABLE GAG', 'GRINNING FACE',
          'KEYCAP NUMBER SIGN', 'keycap digit zero', 'LATIN CAPITAL LETTER A WITH MACRON AND GRAVE']:
    s = lookup(n)
    print(repr(n), ascii(s), len(s))
print(lookup(b'BULLET') == '\N{BULLET}', lookup('KEYCAP ASTERISK') == '*\ufe0f\u20e3')
for c in ['A', '\u2014', '\uac01', '\u9fff', '\U0001F600', '\uf900', '\U00018b00', '\x00', '\ue000']:
    print(hex(ord(c)), name(c, None))
print(name('\x7f', 'no name'), unicodedata.name('\N{SPACE}'))
s = 0
for cp in range(0x2000, 0x2100):
    n = name(chr(cp), '')
    if n:
        s += 1
        assert lookup(n) == chr(cp) and lookup(n.lower()) == chr(cp)
print(s, 'names round-trip in U+2000..U+20FF')
bad = [(lookup, (1,)), (lookup, ('x' * 257,)), (lookup, ('FOO',)), (lookup, ('EM\x00DASH',)),
       (lookup, (bytearray(b'EM DASH'),)), (lookup, ('cjk unified ideograph-4E00',)),
       (lookup, ('HANGUL SYLLABLE G',)), (name, (1,)), (name, ('ab',)), (name, ('',)),
       (name, ('\x00',)), (name, ()), (name, ('a', None, 3)), (lookup, ('\ud800',))]
for f, args in bad:
    try:
        print('ok?', ascii(f(*args)))
    except (TypeError, KeyError, ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__, e)
try:
    unicodedata.lookup(name='EM DASH')
except TypeError as e:
    print('TypeError', e)
