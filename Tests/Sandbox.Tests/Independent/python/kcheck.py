"""Shared pieces of the independent-client checks: the registry, assertions, and a client context."""
import base64
import json

from kubernetes import client, config
from kubernetes.client.rest import ApiException

CHECKS = []


def check(name, cite):
    def register(fn):
        CHECKS.append((name, cite, fn))
        return fn
    return register


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


class Context:
    def __init__(self, kubeconfig, run_id):
        self.api = config.new_client_from_config(config_file=kubeconfig)
        self.core = client.CoreV1Api(self.api)
        self.coordination = client.CoordinationV1Api(self.api)
        self.run_id = run_id
        self.counter = 0

    def namespace(self):
        self.counter += 1
        name = "py-%s-%d" % (self.run_id, self.counter)
        self.core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
        return name

    def raw(self, method, path, body=None, query=None, content_type="application/json"):
        """(status, headers, parsed body) of a request made with the client's own transport and credentials."""
        try:
            response = self.api.call_api(
                path, method, query_params=list((query or {}).items()), body=body,
                header_params={"Content-Type": content_type, "Accept": "application/json"},
                auth_settings=["BearerToken"], _preload_content=False)
            status, headers, data = response[1], response[2], response[0].data
        except ApiException as e:
            status, headers, data = e.status, e.headers, e.body
        text = data.decode() if isinstance(data, bytes) else (data or "")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return status, headers, parsed

    def fails(self, call):
        """The ApiException a call raises, with its Status body parsed."""
        try:
            call()
        except ApiException as e:
            e.status_body = json.loads(e.body) if e.body else {}
            return e
        raise Failed("the call succeeded; an error was expected")

    def compact(self):
        self.raw("POST", "/sandbox/faults", body={"action": "compact"})


def configmap(name, data=None, labels=None):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels=labels), data=data or {"a": "b"})


def b64(text):
    return base64.b64encode(text.encode()).decode()
