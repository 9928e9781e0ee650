s = 'ÿþ'
print(s)
