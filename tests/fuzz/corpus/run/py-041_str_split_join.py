# split, rsplit, splitlines, join, partition, rpartition
s = "  a b\tc\n d  "
print(s.split(), s.split(" "), s.split(None, 1), s.rsplit(None, 1), "".split(), "".split(","))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1), "abc".split("abc"))
print("1::2::3".split("::"), "x".split("x"), "one two".split(maxsplit=0))
print("l1\nl2\r\nl3\rl4\n".splitlines(), "l1\nl2\n".splitlines(True), "".splitlines(), "x\n\n".splitlines())
print(",".join(["a", "b", "c"]), "".join([]), "-".join("xyz"), " ".join(["solo"]))
print(", ".join(map(str, [1, 2, 3])), "\n".join(["p", "q"]).split("\n"))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="))
print("a b c".split(" ", -1), "path/to/file.txt".rsplit("/", 1)[-1], "file.tar.gz".split(".", 1))
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: "a".split(""))
show(lambda: ",".join([1, 2]))
show(lambda: ",".join(["a", None]))
show(lambda: "a".partition(""))
show(lambda: ",".join(5))
