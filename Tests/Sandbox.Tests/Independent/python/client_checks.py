"""Independent-client checks: the official Kubernetes Python client (Debian python3-kubernetes) against a server.

Each @check (in checks_*.py) is one behaviour of kube-apiserver 1.32 as this client sees it; `cite` names where
kube-apiserver implements it. Usage: client_checks.py KUBECONFIG RUN_ID [CHECK ...]; prints one JSON object per check:
{"name": ..., "ok": true|false, "detail": ...}. Nothing here knows it talks to a sandbox, except `compact`, which
stands for etcd compaction (the sandbox's admin endpoint) so that a 410 can be provoked at all.
"""
import json
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kubernetes.client.rest import ApiException  # noqa: E402

import checks_apply  # noqa: E402,F401 - each module registers its checks
import checks_decoding  # noqa: E402,F401
import checks_errors  # noqa: E402,F401
import checks_watch_lists  # noqa: E402,F401
from kcheck import CHECKS, Context, Failed  # noqa: E402


def main():
    kubeconfig, run_id, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    if wanted == {"--list"}:
        for name, cite, _fn in CHECKS:
            print(json.dumps({"name": name, "cite": cite}))
        return
    ctx = Context(kubeconfig, run_id)
    for name, cite, fn in CHECKS:
        if wanted and name not in wanted:
            continue
        try:
            fn(ctx)
            result = {"name": name, "ok": True, "detail": ""}
        except Failed as e:
            result = {"name": name, "ok": False, "detail": str(e)}
        except ApiException as e:
            result = {"name": name, "ok": False, "detail": "unexpected %s: %s" % (e.status, e.body)}
        except Exception:  # noqa: BLE001 - any failure of a check is reported, not fatal
            result = {"name": name, "ok": False, "detail": traceback.format_exc(limit=3)}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
