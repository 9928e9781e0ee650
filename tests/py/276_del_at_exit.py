# objects still alive at the end of the script are finalized at interpreter exit
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
first = D("first")
second = D("second")
_private = D("_private")
holder = [D("in list 0"), D("in list 1")]
print("end of script")
