"""A TCP relay between the app and the test PostgreSQL, for outages a stopped server cannot make.

- ``outage()``: the server's host goes silent. Every open connection is cut, and new ones are
  accepted but never answered (as when packets are dropped: a client waits for its connect timeout),
  until ``restore()``.
- ``cut_after_commit()``: the next ``COMMIT`` a client sends reaches the server, which commits; the
  reply is lost, because the relay cuts the connection before passing it on. The client cannot tell
  whether its change was saved.

The relay listens on the loopback address only; ``url(database)`` is a project URL through it
(the password comes from ``PGPASSWORD``, as for the server's own URLs).
"""

from __future__ import annotations

import socket
import threading
import time


class PgProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket | None]] = []
        self._silent = False
        self._cut_commit = False
        self.commits_cut = 0
        self._closed = False
        threading.Thread(target=self._accept, name="pgproxy-accept", daemon=True).start()

    def url(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    # -- what the test asks for ---------------------------------------------------------------
    def outage(self) -> None:
        with self._lock:
            self._silent = True
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:
            _close(client, server)

    def restore(self) -> None:
        with self._lock:
            self._silent = False
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:  # the connections held without an answer go; clients connect again
            if server is None:
                _close(client)
            else:
                self._pairs.append((client, server))

    def cut_after_commit(self) -> None:
        self._cut_commit = True

    def close(self) -> None:
        self._closed = True
        self.outage()
        self.listener.close()

    # -- relaying -------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                silent = self._silent
                if silent:
                    self._pairs.append((client, None))  # held open, never answered
            if silent:
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._pairs.append((client, server))
            mute = threading.Event()  # set: the server's replies are no longer passed on
            threading.Thread(target=self._pump, args=(client, server, mute, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, mute, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, mute: threading.Event, from_client: bool) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if from_client and self._cut_commit and b"COMMIT" in data.upper():
                    self._cut_commit = False
                    self.commits_cut += 1
                    mute.set()  # the server commits; its reply is never passed on
                    sink.sendall(data)
                    time.sleep(0.3)
                    break
                if mute.is_set():
                    break
                sink.sendall(data)
        except OSError:
            pass
        _close(source, sink)


def _close(*sockets) -> None:
    for sock in sockets:
        if sock is None:
            continue
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
