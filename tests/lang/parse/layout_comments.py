# leading comment
x = 1  # trailing
# comment between

y = 2
if x:  # comment on header
    # comment in block
    z = 3
    # another

# at the end
