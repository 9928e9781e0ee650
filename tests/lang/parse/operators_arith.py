a + b - c
a * b / c // d % e @ f
-a
+a
~a
a ** b ** c
-a ** b
(a + b) * c
a + b * c ** -d
1 + 2 * 3 - 4 / 5
x = a - -b
y = --a
