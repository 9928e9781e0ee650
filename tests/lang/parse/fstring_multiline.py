f'''
{x}
'''
x = f'''abc
   {y + 1} def
{z}'''
f'''{
a
}'''
f'{a}' \
f'{b}'
(f'{a}'
 f'{b}')
