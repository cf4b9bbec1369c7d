"""scripts/cluster.py's nginx configuration, made from deploy/nginx.conf.template, is one nginx accepts.
(The cluster itself runs in tests/test_cluster.py, in the PostgreSQL pass.)"""

import argparse
import importlib.util
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_cluster():
    spec = importlib.util.spec_from_file_location("cluster", ROOT / "scripts" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nginx_configuration_names_every_app_server_and_nginx_accepts_it(tmp_path):
    cluster = load_cluster()
    buffers = tmp_path / "buffers"
    buffers.mkdir()
    args = argparse.Namespace(port=18091, app_ports=[18092, 18093, 18094])
    text = cluster.nginx_config(args, tmp_path, buffers)
    assert "@@" not in text
    for port in args.app_ports:
        assert f"server 127.0.0.1:{port} " in text
    assert "listen 127.0.0.1:18091;" in text
    (tmp_path / "nginx.conf").write_text(text)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"  # scripts/install-services.sh installs it
    checked = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path),
                              "-e", str(tmp_path / "error.log")], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
