a | b ^ c & d
a << 2 >> 3
~a & b | c
a | b | c
(a | b) & c
