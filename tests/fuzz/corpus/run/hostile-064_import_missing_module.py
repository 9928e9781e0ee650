print("importing")
import nonexistent_module_for_refgc
