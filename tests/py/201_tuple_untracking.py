# tuples are created tracked; a collection untracks those that can never be in a cycle
import gc
gc.collect()
a = 1
s = "text"
atomic = (a, s, 2.5, None)
holds_list = (a, [])
holds_dict = (a, {})
inner = (a, a)
outer = (inner, a)
holds_inst = (a, object())
print("before:", gc.is_tracked(atomic), gc.is_tracked(holds_list), gc.is_tracked(holds_dict),
      gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(holds_inst))
gc.collect(0)
print("after collect(0):", gc.is_tracked(atomic), gc.is_tracked(holds_list), gc.is_tracked(holds_dict),
      gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(holds_inst))
l = [a]
late = (a, l)
l2 = late[1]
l2.clear()
del l2
print("tuple holding a list stays tracked even when the list is empty:", gc.is_tracked(late))
gc.collect()
print("after full collect:", gc.is_tracked(late))
const = (1, 2, 3)
print("constant tuple:", gc.is_tracked(const), "empty tuple:", gc.is_tracked(()))
made = tuple([a, a])
print("tuple(list):", gc.is_tracked(made))
gc.collect(1)
print("after collect(1):", gc.is_tracked(made))
nested = ((a, (a, (a,))), a)
states = []
for i in range(5):
    states.append(gc.is_tracked(nested))
    gc.collect()
print("a tuple nested 4 deep (inner ones only reachable through it), full collections:", states)
