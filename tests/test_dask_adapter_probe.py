"""The Dask adapter's handshake probe (open_client) against addresses of every shape: each bad
one is one ValidationError naming ``scheduler`` within the timeout plus about a second, never
a traceback, a hang or a Client left behind (H106 audit). Real servers, no mock."""

from __future__ import annotations

import shutil
import socket
import struct
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from daskhelpers import clients_left, closed_port_address
from solidcell.dask_adapter import connected, open_client
from solidcell.errors import ValidationError

distributed = pytest.importorskip("dask.distributed")

TIMEOUT_S = 0.5


@contextmanager
def server(reply: bytes) -> Iterator[str]:
    """A local TCP server that sends ``reply`` to each connection and then holds it open."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            conn.sendall(reply)
            held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()
        for conn in held:
            conn.close()


def _refused(address: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:  # (no wall-time bound: a loaded machine)
        open_client(address, TIMEOUT_S)
    assert (info.value.field, info.value.value) == ("scheduler", address)
    return info.value


@pytest.mark.parametrize("reply", [
    struct.pack("Q", 1) + struct.pack("Q", 5) + b"\xc1" * 5,  # one frame of 5 bad bytes
    struct.pack("Q", 2) + struct.pack("Q", 3),                  # frames promised, never sent
    b"SSH-2.0-OpenSSH_9.6\r\n",                                 # another protocol's banner
], ids=["bad-frame", "short-frames", "ssh-banner"])
def test_a_server_sending_other_bytes_is_refused_as_no_dask(reply: bytes) -> None:
    """Was a traceback: struct.error ('unpack_from requires a buffer of at least 8 bytes')."""
    with server(reply) as address:
        err = _refused(address)
    assert "does not speak Dask's protocol" in err.allowed


def test_a_tls_address_without_certificates_is_refused_naming_them() -> None:
    """Was a traceback: TypeError 'TLS expects a `ssl_context` argument'."""
    err = _refused("tls://127.0.0.1:8786")
    assert "certificates" in err.allowed and "distributed.comm.tls" in err.allowed


def test_a_transport_not_installed_is_refused() -> None:
    """ucx:// without UCX was a traceback: TypeError "Can't instantiate abstract class"."""
    import importlib.util

    if importlib.util.find_spec("ucp") or importlib.util.find_spec("ucxx"):
        pytest.skip("UCX is installed: ucx:// is a real transport here")
    err = _refused("ucx://127.0.0.1:8786")
    assert "ucx://" in err.allowed


def test_an_ipv6_closed_port_is_refused_in_time() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    with socket.socket(socket.AF_INET6) as sock:
        try:
            sock.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback")
        port = sock.getsockname()[1]
    err = _refused(f"tcp://[::1]:{port}")
    assert "no Dask scheduler answered there" in err.allowed


def test_malformed_addresses_stay_refused_as_addresses() -> None:
    for address in ("tcp://[::1]", "tcp://host", "foo://x:1"):
        assert "such as 'tcp://host:8786'" in _refused(address).allowed
    assert "no Dask scheduler answered" in _refused(closed_port_address()).allowed


def test_an_inproc_scheduler_address_opens_and_leaves_no_client() -> None:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        with connected(address, 10.0) as client:
            assert client.submit(sum, [1, 2]).result() == 3
        assert clients_left(cluster) == []


def _certificate(folder: Path) -> tuple[str, str]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return str(cert), str(key)


def test_a_tls_scheduler_opens_with_the_certificates_of_dasks_configuration(
        tmp_path: Path) -> None:
    """Client(address) takes the certificates of Dask's configuration; the probe ignored
    them (TypeError: 'TLS expects a ssl_context'), so a TLS cluster Client reached was
    refused with a traceback."""
    import dask.config
    from distributed.security import Security

    cert, key = _certificate(tmp_path)
    security = Security(tls_ca_file=cert, tls_scheduler_cert=cert, tls_scheduler_key=key,
                        tls_worker_cert=cert, tls_worker_key=key, tls_client_cert=cert,
                        tls_client_key=key, require_encryption=True)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  protocol="tls://", security=security,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tls://")
        config = {"distributed.comm.tls.ca-file": cert, "distributed.comm.tls.client.cert": cert,
                  "distributed.comm.tls.client.key": key}
        with dask.config.set(config), connected(address, 10.0) as client:
            assert client.submit(sum, [1, 2]).result() == 3
        assert clients_left(cluster) == []


def test_a_name_lookup_that_does_not_return_is_refused_while_it_still_hangs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A resolver that does not answer (a DNS server that drops the query): the refusal comes
    while the lookup still hangs, not when the resolver gives up (the probe waited for its
    thread; a dead DNS server held it for the resolver's own timeout, 5-30 s per try). The
    resolver here is held on an event, released after the check: no wall-time bound."""
    release = threading.Event()
    real_getaddrinfo = socket.getaddrinfo

    def hanging_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "scheduler.invalid":
            release.wait(60)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hanging_getaddrinfo)
    address = "tcp://scheduler.invalid:8786"
    try:
        error = _refused(address)
        assert not release.is_set()  # the lookup was still hanging when the refusal came
        assert "within" in error.allowed and f"{TIMEOUT_S:g} s" in error.allowed
    finally:
        release.set()
