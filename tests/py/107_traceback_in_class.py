# uncaught exception from a method called by __init__
class Parser:
    def __init__(self, text):
        self.text = text
        self.tokens = self.tokenize()
    def tokenize(self):
        return [int(part) for part in self.text.split(",")]
ok = Parser("1,2,3")
print(ok.tokens)
bad = Parser("4,x,6")
