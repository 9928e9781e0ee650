'''one
two'''
"""three
four
"""
'''with ' and " inside'''
""""quoted" """
''''''
r'''raw\
multi'''
b'''bytes
x'''
x = '''
  indented
'''
