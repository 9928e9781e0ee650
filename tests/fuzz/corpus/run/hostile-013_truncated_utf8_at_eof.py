print('never')
# euro: â‚