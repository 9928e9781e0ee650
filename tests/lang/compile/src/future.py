"doc"
from __future__ import generator_stop, annotations
from __future__ import (division,
  nested_scopes)
def f(): pass
