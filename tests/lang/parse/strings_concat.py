'a' 'b'
'a' "b" '''c'''
b'a' b'b'
u'a' 'b'
'a' u'b'
x = ('a'
     'b'
     'c')
'' ''
