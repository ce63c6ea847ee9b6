#!/usr/bin/env python3
"""Starts moto's server on 127.0.0.1 and an OS-chosen port, prints the port once it accepts requests,
and stops when stdin closes. Exits 3 when moto is not installed, so the test can tell "missing" apart."""
import os
import sys

try:
    from moto.server import ThreadedMotoServer
except ImportError:
    print("moto is not installed", file=sys.stderr)
    sys.exit(3)

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
while sys.stdin.buffer.read(4096):
    pass
server.stop()
os._exit(0)
