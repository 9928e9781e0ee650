# a small program: a stack-based calculator with error handling
def evaluate(expr):
    stack = []
    for tok in expr.split():
        if tok in ("+", "-", "*", "/"):
            if len(stack) < 2:
                raise ValueError("stack underflow at %r" % tok)
            b = stack.pop()
            a = stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            elif tok == "*":
                stack.append(a * b)
            else:
                stack.append(a / b)
        else:
            stack.append(int(tok) if tok.lstrip("-").isdigit() else float(tok))
    if len(stack) != 1:
        raise ValueError("leftover values: %r" % stack)
    return stack[0]
for e in ("3 4 +", "5 1 2 + 4 * + 3 -", "2 3 4 * *", "1.5 2 *", "10 4 /", "1 +", "1 2", "4 0 /", "x 1 +", "-3 -4 *"):
    try:
        print(e, "=", evaluate(e))
    except (ValueError, ZeroDivisionError) as err:
        print(e, "->", type(err).__name__, err)
