"""Gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py`.

Every value can be overridden from the environment (WEB_WORKERS, WEB_BIND, ...).
The master collects static files once before forking the workers, so a fresh
release never serves pages whose static files are missing.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
# A worker is recycled after this many requests (jittered) to bound slow leaks.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("WEB_MAX_REQUESTS_JITTER", "200"))
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The load balancer terminates TLS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
control_socket_disable = True  # several servers may share one host
collect_static_on_start = os.environ.get("COLLECTSTATIC_ON_START", "1") != "0"


def on_starting(server) -> None:
    if not collect_static_on_start:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from config.startup import collect_static

    server.log.info("collecting static files")
    collect_static()
