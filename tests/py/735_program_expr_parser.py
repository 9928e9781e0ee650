# a small program: tokenizer (generator) + recursive-descent parser (classes) + evaluator with errors
class Token:
    __slots__ = ("kind", "text", "pos")
    def __init__(self, kind, text, pos):
        self.kind, self.text, self.pos = kind, text, pos
    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.pos}"
class ParseError(Exception):
    def __init__(self, msg, tok):
        super().__init__(f"{msg} at {tok.pos if tok else 'end'}")
        self.tok = tok
def tokenize(src):
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            yield Token("num", src[i:j], i)
            i = j
        elif c.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            yield Token("name", src[i:j], i)
            i = j
        elif c in "+-*/()^,":
            yield Token("op", c, i)
            i += 1
        else:
            raise ParseError(f"bad character {c!r}", Token("?", c, i))
class Parser:
    def __init__(self, src):
        self.toks = list(tokenize(src))
        self.i = 0
    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None
    def take(self, text=None):
        t = self.peek()
        if t is None or (text is not None and t.text != text):
            raise ParseError(f"expected {text or 'token'}", t)
        self.i += 1
        return t
    def expr(self):
        node = self.term()
        while (t := self.peek()) and t.text in "+-":
            self.take()
            node = (t.text, node, self.term())
        return node
    def term(self):
        node = self.factor()
        while (t := self.peek()) and t.text in "*/":
            self.take()
            node = (t.text, node, self.factor())
        return node
    def factor(self):
        base = self.atom()
        if (t := self.peek()) and t.text == "^":
            self.take()
            return ("^", base, self.factor())
        return base
    def atom(self):
        t = self.take()
        if t.kind == "num":
            return float(t.text) if "." in t.text else int(t.text)
        if t.kind == "name":
            if (n := self.peek()) and n.text == "(":
                self.take("(")
                args = [self.expr()]
                while self.peek() and self.peek().text == ",":
                    self.take(",")
                    args.append(self.expr())
                self.take(")")
                return ("call", t.text, *args)
            return ("var", t.text)
        if t.text == "(":
            e = self.expr()
            self.take(")")
            return e
        if t.text == "-":
            return ("neg", self.atom())
        raise ParseError(f"unexpected {t.text!r}", t)
FUNCS = {"max": max, "min": min, "abs": abs}
def evaluate(node, env):
    if isinstance(node, (int, float)):
        return node
    op = node[0]
    if op == "var":
        return env[node[1]]
    if op == "neg":
        return -evaluate(node[1], env)
    if op == "call":
        return FUNCS[node[1]](*(evaluate(a, env) for a in node[2:]))
    a, b = evaluate(node[1], env), evaluate(node[2], env)
    return {"+": a + b, "-": a - b, "*": a * b, "^": a ** b}[op] if op != "/" else a / b
env = {"x": 3, "y": 4.5}
for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "max(x, y, 2) - -1", "abs(-7) / 2", "x * (y",
            "1 / 0", "z + 1", "3 $ 4", "min(1.5, 2) * 10", "2 ^ 100"]:
    try:
        tree = Parser(src).expr()
        print(f"{src:<18} = {evaluate(tree, env)!r}")
    except ParseError as e:
        print(f"{src:<18} ! ParseError: {e} (token {e.tok!r})")
    except (ZeroDivisionError, KeyError) as e:
        print(f"{src:<18} ! {type(e).__name__}: {e}")
print(list(tokenize("a1+2.5")))
