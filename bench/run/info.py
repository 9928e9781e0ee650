# info.py -- who runs the whole programs: one key=value line (the driver
# identifies python3 and `refgc run` with it, and checks both start).
import sys

print("version=%d.%d.%d" % (sys.version_info[0], sys.version_info[1], sys.version_info[2]),
      "served_by=" + sys.executable)
