a and b
a or b
a and b or c
a or b and c
not a
not not a
a and b and c
a or b or c
not a or not b
