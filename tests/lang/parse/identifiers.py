_ = 1
_private = 2
__dunder__ = 3
x1 = 4
café = 5
日本 = 6
ß = 7
Ω = 8
_é = 9
print(café, 日本)
match = 1
case = 2
type = 3
match(x)
match[x]
match.x = 1
case = match
