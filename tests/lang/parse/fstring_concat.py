'a' f'{b}' 'c'
f'{a}' f'{b}'
'x' f'y'
u'a' f'{b}'
f'{a}' 'b' f'{c:{d}}' 'e'
('abc'
 f'{x}'
 'def')
