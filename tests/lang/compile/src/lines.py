result = (
    first
    .second(
        arg1,
        arg2,
    )
    .third
)
value = func(
    1,
    2) + other(
    3)
if (a and
        b):
    pass
x = [
    i
    for i in range(3)
    if i
]
def f(
    a,
    b=(
        1
    ),
):
    return (
        a
        + b
    )
obj.attr = \
    42
long_string = ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b)
print(long_string, long_string, long_string, long_string, long_string, long_string, long_string, long_string, long_string, value)
