print('before')
s = f'{1}\N{EM DASH}\N'
print(s)
