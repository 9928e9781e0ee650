match = 1
match.x
match[0]
match(1)
print(match)
case = 2
_ = 3
def match(): pass
class case: pass
match, case = 1, 2
x = match if case else _
