# AttributeError from a chained attribute access, uncaught
class Config:
    def __init__(self):
        self.db = None
cfg = Config()
print("host is about to be read")
host = cfg.db.host
