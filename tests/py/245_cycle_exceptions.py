# an exception stored in a local of the frame that caught it: exception -> traceback -> frame -> exception
import gc
gc.collect()
def catch_and_keep():
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    return "done"
print(catch_and_keep())
print("frame/traceback/exception cycle:", gc.collect())
def catch_and_drop():
    try:
        1 / 0
    except ZeroDivisionError:
        pass
    return "done"
print(catch_and_drop())
print("handled and dropped: no cycle:", gc.collect())
errors = []
def record():
    try:
        [][1]
    except IndexError as e:
        errors.append(e)
record()
errors.clear()
print("exception kept outside its frame, then dropped:", gc.collect())
