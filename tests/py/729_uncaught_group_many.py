# uncaught ExceptionGroup of 17 leaves: the report shows 15 and '... (2 more exceptions)'
raise ExceptionGroup("many", [ValueError(i) for i in range(17)])
