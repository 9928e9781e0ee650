# carets point at the failing sub-expression in 3.11
def ratio(a, b):
    return a / b
data = {"num": 10, "den": 0}
print("computing")
x = ratio(data["num"], data["den"]) + 1
