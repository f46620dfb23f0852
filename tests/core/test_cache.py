"""The Redis cache keeps one client per connection pool (Django's builds one
per call); with a redis-server on PATH, a round trip through it."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from core.cache import RedisCache


def test_one_client_per_pool():
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client("key") is client
    assert cache._cache.get_client(write=True) is client  # one server: one pool
    assert client.connection_pool is cache._cache._get_connection_pool(False)


def test_replicas_are_read_through_their_own_client():
    cache = RedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()
    assert reader is not writer
    assert cache._cache.get_client() is reader
    assert writer.connection_pool.connection_kwargs["port"] == 1
    assert reader.connection_pool.connection_kwargs["port"] == 2


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server on PATH")
    socket = tmp_path / "redis.sock"
    server = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not socket.exists():
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.05)
        yield f"unix://{socket}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_round_trip_through_a_real_server(redis_url):
    cache = RedisCache(redis_url, {})
    cache.set("greeting", {"zh": "你好"}, timeout=60)
    assert cache.get("greeting") == {"zh": "你好"}
    assert cache.add("greetings", 1)
    assert cache.incr("greetings") == 2
    cache.delete("greeting")
    assert cache.get("greeting") is None
    assert len(cache._cache._clients) == 1
