x = 1
s = r'''raw\
mí €ulti'''
