if\
 x:
pass
