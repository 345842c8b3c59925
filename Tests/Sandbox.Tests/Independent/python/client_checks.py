"""Independent-client checks: the official Kubernetes Python client (Debian python3-kubernetes) against a server.

Each @check is one behaviour of kube-apiserver 1.32 as this client sees it; `cite` names where kube-apiserver
implements it. Usage: client_checks.py KUBECONFIG RUN_ID [CHECK ...]; prints one JSON object per check:
{"name": ..., "ok": true|false, "detail": ...}. Nothing here knows it talks to a sandbox, except `compact`, which
stands for etcd compaction (the sandbox's admin endpoint) so that a 410 can be provoked at all.
"""
import base64
import datetime
import json
import sys
import traceback

from kubernetes import client, config, watch
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


# --- watch and boolean query parameters -------------------------------------------------------------------------

@check("WatchStream_PythonWatch_StreamsEvents",
       "apimachinery runtime/conversion.go Convert_Slice_string_To_bool: the client's watch=True means true")
def _(ctx):
    ns = ctx.namespace()
    ctx.core.create_namespaced_config_map(ns, configmap("w1"))
    events = []
    for event in watch.Watch().stream(ctx.core.list_namespaced_config_map, ns, timeout_seconds=3):
        events.append((event["type"], event["object"].metadata.name))
        break
    expect(events == [("ADDED", "w1")], "expected one ADDED w1 event, got %r" % events)


def watch_param(value):
    def run(ctx):
        ns = ctx.namespace()
        ctx.core.create_namespaced_config_map(ns, configmap("w"))
        status, _, body = ctx.raw("GET", "/api/v1/namespaces/%s/configmaps" % ns, query={"watch": value, "timeoutSeconds": "1"})
        expect(status == 200, "status %s" % status)
        first = json.loads(body.splitlines()[0]) if isinstance(body, str) else body
        expect(first.get("type") == "ADDED", "watch=%s did not stream events: %r" % (value, str(body)[:200]))
    return run


@check("WatchParam_True_IsTrue", "apimachinery runtime/conversion.go Convert_Slice_string_To_bool: only absent, \"0\" and \"false\" are false")
def _(ctx):
    watch_param("True")(ctx)


@check("WatchParam_1_IsTrue", "apimachinery runtime/conversion.go Convert_Slice_string_To_bool: \"1\" is true")
def _(ctx):
    watch_param("1")(ctx)


@check("WatchParam_t_IsTrue", "apimachinery runtime/conversion.go Convert_Slice_string_To_bool: \"t\" is true")
def _(ctx):
    watch_param("t")(ctx)


@check("WatchParam_False_Lists", "apimachinery runtime/conversion.go Convert_Slice_string_To_bool: \"False\" is false")
def _(ctx):
    ns = ctx.namespace()
    status, _, body = ctx.raw("GET", "/api/v1/namespaces/%s/configmaps" % ns, query={"watch": "False"})
    expect(status == 200 and body.get("kind") == "ConfigMapList", "watch=False did not list: %r" % body)


@check("WatchStream_CompactedResourceVersion_Raises410",
       "apiserver storage/cacher: a watch from a compacted resourceVersion gets an ERROR event with code 410 (Expired)")
def _(ctx):
    ns = ctx.namespace()
    ctx.core.create_namespaced_config_map(ns, configmap("old"))
    first = ctx.core.list_namespaced_config_map(ns).metadata.resource_version
    ctx.core.create_namespaced_config_map(ns, configmap("newer"))
    ctx.compact()
    error = ctx.fails(lambda: list(watch.Watch().stream(ctx.core.list_namespaced_config_map, ns, resource_version=first, timeout_seconds=3)))
    expect(error.status == 410, "expected 410, got %s" % error.status)
    expect(str(error.reason).startswith("Expired: "), "reason %r" % error.reason)


# --- lists --------------------------------------------------------------------------------------------------------

@check("List_LabelSelectorWithLimit_OmitsRemainingItemCount",
       "apiserver storage/etcd3/store.go GetList: remainingItemCount only for an empty predicate")
def _(ctx):
    ns = ctx.namespace()
    for i in range(3):
        ctx.core.create_namespaced_config_map(ns, configmap("c%d" % i, labels={"k": "v"}))
    page = ctx.core.list_namespaced_config_map(ns, label_selector="k=v", limit=1)
    expect(page.metadata._continue, "no continue token")
    expect(page.metadata.remaining_item_count is None, "remainingItemCount %r" % page.metadata.remaining_item_count)


@check("List_LimitWithoutSelector_CountsRemainingItems", "apiserver storage/etcd3/store.go GetList: remainingItemCount")
def _(ctx):
    ns = ctx.namespace()
    for i in range(3):
        ctx.core.create_namespaced_config_map(ns, configmap("c%d" % i))
    page = ctx.core.list_namespaced_config_map(ns, limit=1)
    expect(page.metadata.remaining_item_count == 2, "remainingItemCount %r" % page.metadata.remaining_item_count)


@check("List_ContinueTokens_PageThroughEverything", "apiserver storage/etcd3/store.go GetList: limit/continue paging")
def _(ctx):
    ns = ctx.namespace()
    for i in range(5):
        ctx.core.create_namespaced_config_map(ns, configmap("c%d" % i))
    names, token = [], None
    while True:
        page = ctx.core.list_namespaced_config_map(ns, limit=2, _continue=token)
        names += [i.metadata.name for i in page.items]
        token = page.metadata._continue
        if not token:
            break
    expect(names == ["c0", "c1", "c2", "c3", "c4"], "pages gave %r" % names)


@check("List_InvalidContinueToken_BadRequestWithStorageMessage",
       "apiserver storage/continue.go DecodeContinue + etcd3 store: \"invalid continue token: continue key is not valid: ...\"")
def _(ctx):
    ns = ctx.namespace()
    error = ctx.fails(lambda: ctx.core.list_namespaced_config_map(ns, limit=1, _continue="!!!"))
    expect(error.status == 400, "status %s" % error.status)
    expect(error.status_body["message"] == "invalid continue token: continue key is not valid: illegal base64 data at input byte 0",
           "message %r" % error.status_body["message"])


@check("List_TooLargeResourceVersion_TimeoutPrefix",
       "apimachinery api/errors NewTimeoutError: \"Timeout: Too large resource version: N, current: M\", cause ResourceVersionTooLarge")
def _(ctx):
    ns = ctx.namespace()
    error = ctx.fails(lambda: ctx.core.list_namespaced_config_map(ns, resource_version="999999999", resource_version_match="NotOlderThan"))
    expect(error.status == 504, "status %s" % error.status)
    body = error.status_body
    expect(body["message"].startswith("Timeout: Too large resource version: 999999999, current: "), "message %r" % body["message"])
    expect(body["details"]["causes"][0]["reason"] == "ResourceVersionTooLarge", "causes %r" % body["details"])


# --- error Status bodies --------------------------------------------------------------------------------------------

@check("NotFound_Details_KindIsResource", "apimachinery api/errors NewNotFound: details.kind is the resource (plural)")
def _(ctx):
    ns = ctx.namespace()
    body = ctx.fails(lambda: ctx.core.read_namespaced_config_map("missing", ns)).status_body
    expect(body["details"] == {"name": "missing", "kind": "configmaps"}, "details %r" % body["details"])
    expect(body["message"] == 'configmaps "missing" not found', "message %r" % body["message"])


@check("AlreadyExists_Details_KindIsResource", "apimachinery api/errors NewAlreadyExists: 409 with details.kind the resource")
def _(ctx):
    ns = ctx.namespace()
    ctx.core.create_namespaced_config_map(ns, configmap("dup"))
    error = ctx.fails(lambda: ctx.core.create_namespaced_config_map(ns, configmap("dup")))
    expect(error.status == 409 and error.status_body["reason"] == "AlreadyExists", "status %s" % error.status)
    expect(error.status_body["details"]["kind"] == "configmaps", "details %r" % error.status_body["details"])


@check("Invalid_Details_KindIsKind", "apimachinery api/errors NewInvalid: details.kind is the Kind")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="tls"), type="kubernetes.io/tls", data={"tls.crt": b64("x")})
    error = ctx.fails(lambda: ctx.core.create_namespaced_secret(ns, secret))
    expect(error.status == 422, "status %s" % error.status)
    expect(error.status_body["details"]["kind"] == "Secret", "details %r" % error.status_body["details"])


@check("Invalid_Causes_CarryBodyWithoutField", "apimachinery api/errors NewInvalid: cause message is field.Error.ErrorBody()")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="tls"), type="kubernetes.io/tls", data={"tls.crt": b64("x")})
    causes = ctx.fails(lambda: ctx.core.create_namespaced_secret(ns, secret)).status_body["details"]["causes"]
    expect(causes == [{"reason": "FieldValueRequired", "message": "Required value", "field": "data[tls.key]"}], "causes %r" % causes)


@check("JsonPatch_FailedTest_GenericInvalid",
       "apiserver endpoints/handlers/patch.go: a failed JSON patch is NewGenericServerResponse(422) with the generic text")
def _(ctx):
    ns = ctx.namespace()
    ctx.core.create_namespaced_config_map(ns, configmap("p", {"a": "b"}))
    status, _, body = ctx.raw("PATCH", "/api/v1/namespaces/%s/configmaps/p" % ns,
                              body=[{"op": "test", "path": "/data/a", "value": "other"}], content_type="application/json-patch+json")
    expect(status == 422, "status %s" % status)
    expect(body["message"] == "the server rejected our request due to an error in our request", "message %r" % body["message"])
    expect(body["reason"] == "Invalid" and body.get("details") == {}, "body %r" % body)


@check("JsonPatch_PassingTest_Applies", "RFC 6902 test operation; apiserver endpoints/handlers/patch.go")
def _(ctx):
    ns = ctx.namespace()
    ctx.core.create_namespaced_config_map(ns, configmap("p", {"a": "b"}))
    status, _, body = ctx.raw("PATCH", "/api/v1/namespaces/%s/configmaps/p" % ns,
                              body=[{"op": "test", "path": "/data/a", "value": "b"}, {"op": "replace", "path": "/data/a", "value": "c"}],
                              content_type="application/json-patch+json")
    expect(status == 200 and body["data"] == {"a": "c"}, "status %s body %r" % (status, body))


# --- Secrets and ConfigMaps -------------------------------------------------------------------------------------------

@check("Secret_InvalidDataKey_Invalid", "pkg/apis/core/validation ValidateSecret: validation.IsConfigMapKey on every data key")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="s"), data={"bad key": b64("x")})
    body = ctx.fails(lambda: ctx.core.create_namespaced_secret(ns, secret)).status_body
    expected = ('Secret "s" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric '
                "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
    expect(body["message"] == expected, "message %r" % body["message"])


@check("Secret_Tls_RequiresCertAndKey", "pkg/apis/core/validation ValidateSecret: kubernetes.io/tls requires tls.crt and tls.key")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="tls"), type="kubernetes.io/tls", data={})
    body = ctx.fails(lambda: ctx.core.create_namespaced_secret(ns, secret)).status_body
    expect(body["message"] == 'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]', "message %r" % body["message"])


@check("Secret_TlsWithBothKeys_Created", "pkg/apis/core/validation ValidateSecret: kubernetes.io/tls with tls.crt and tls.key")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="tls"), type="kubernetes.io/tls", data={"tls.crt": b64("c"), "tls.key": b64("k")})
    created = ctx.core.create_namespaced_secret(ns, secret)
    expect(created.type == "kubernetes.io/tls", "type %r" % created.type)


@check("Secret_OverOneMebibyte_TooLong", "pkg/apis/core/validation ValidateSecret: total data over core.MaxSecretSize (1 MiB) is TooLong")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="big"),
                             data={"a": base64.b64encode(b"x" * (1024 * 1024)).decode(), "b": b64("y")})
    error = ctx.fails(lambda: ctx.core.create_namespaced_secret(ns, secret))
    expect(error.status == 422, "status %s" % error.status)
    expect(error.status_body["details"]["causes"][0]["field"] == "data", "causes %r" % error.status_body["details"])
    expect('Secret "big" is invalid: data: Too long: ' in error.status_body["message"] and "1048576" in error.status_body["message"],
           "message %r" % error.status_body["message"])


@check("Secret_ExactlyOneMebibyte_Created", "pkg/apis/core/validation ValidateSecret: core.MaxSecretSize is inclusive")
def _(ctx):
    ns = ctx.namespace()
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="big"), data={"a": base64.b64encode(b"x" * (1024 * 1024)).decode()})
    expect(len(base64.b64decode(ctx.core.create_namespaced_secret(ns, secret).data["a"])) == 1024 * 1024, "size changed")


@check("Secret_StringData_FoldedIntoData", "pkg/apis/core/v1/conversion.go: stringData is merged into data on write")
def _(ctx):
    ns = ctx.namespace()
    created = ctx.core.create_namespaced_secret(ns, client.V1Secret(metadata=client.V1ObjectMeta(name="s"), string_data={"k": "v"}))
    expect(created.data == {"k": b64("v")} and created.string_data is None, "data %r stringData %r" % (created.data, created.string_data))


@check("ConfigMap_InvalidKey_Invalid", "pkg/apis/core/validation ValidateConfigMap: validation.IsConfigMapKey")
def _(ctx):
    ns = ctx.namespace()
    body = ctx.fails(lambda: ctx.core.create_namespaced_config_map(ns, configmap("c", {"..x": "y"}))).status_body
    expect(body["message"] == 'ConfigMap "c" is invalid: data[..x]: Invalid value: "..x": must not start with \'..\'', "message %r" % body["message"])


# --- strict decoding of built-in kinds ----------------------------------------------------------------------------

@check("Strict_UnknownTopLevelField_BadRequest",
       "apiserver endpoints/handlers/create.go with fieldValidation=Strict: strict decoding error, wrapped as \"cannot be handled as\"")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "b"}, "bogus": 1}
    status, _, answer = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body=body, query={"fieldValidation": "Strict"})
    expect(status == 400, "status %s" % status)
    expect(answer["message"] == 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
           "message %r" % answer["message"])


@check("Strict_UnknownNestedField_BadRequest", "apiserver strict decoding: unknown nested fields are named by their path")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"}, "spec": {"holderIdentity": "a", "holder": "b"}}
    status, _, answer = ctx.raw("POST", "/apis/coordination.k8s.io/v1/namespaces/%s/leases" % ns, body=body, query={"fieldValidation": "Strict"})
    expect(status == 400, "status %s" % status)
    expect(answer["message"] == 'Lease in version "v1" cannot be handled as a Lease: strict decoding error: unknown field "spec.holder"',
           "message %r" % answer["message"])


@check("Decode_NumberForStringMapValue_BadRequest",
       "sigs.k8s.io/json UnmarshalTypeError: a map value names the map field, not the key")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": 1}}
    status, _, answer = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body=body)
    expect(status == 400, "status %s" % status)
    expect(answer["message"] == 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
           "message %r" % answer["message"])


@check("Warn_UnknownField_CreatedWithWarningHeader", "apiserver fieldValidation=Warn: the object is created and a Warning header names the field")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "bogus": 1}
    status, headers, _ = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body=body, query={"fieldValidation": "Warn"})
    expect(status == 201, "status %s" % status)
    expect('unknown field \\"bogus\\"' in headers.get("Warning", ""), "Warning header %r" % headers.get("Warning"))


@check("Default_UnknownField_WarnsAndDrops", "apiserver: fieldValidation unset means Warn; the Go type cannot keep the field")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "bogus": 1}
    status, headers, created = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body=body)
    expect(status == 201 and "bogus" not in created, "status %s body %r" % (status, created))
    expect("Warning" in headers, "no Warning header")


@check("Ignore_UnknownField_DroppedSilently", "apiserver fieldValidation=Ignore: unknown fields are dropped, no warning")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "bogus": 1}
    status, headers, _ = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body=body, query={"fieldValidation": "Ignore"})
    expect(status == 201 and "Warning" not in headers, "status %s headers %r" % (status, dict(headers)))
    _, _, stored = ctx.raw("GET", "/api/v1/namespaces/%s/configmaps/c" % ns)
    expect("bogus" not in stored, "unknown field stored: %r" % stored)


# --- times --------------------------------------------------------------------------------------------------------

@check("Lease_MicroTimeWithOffset_ReturnedInUtc", "apimachinery meta/v1 micro_time.go: MicroTime is marshalled as UTC RFC3339 with 6 digits")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"},
            "spec": {"holderIdentity": "me", "renewTime": "2024-05-01T12:00:00.123456+02:00"}}
    status, _, created = ctx.raw("POST", "/apis/coordination.k8s.io/v1/namespaces/%s/leases" % ns, body=body)
    expect(status == 201, "status %s %r" % (status, created))
    expect(created["spec"]["renewTime"] == "2024-05-01T10:00:00.123456Z", "renewTime %r" % created["spec"]["renewTime"])


@check("Lease_PythonDatetime_RoundTrips", "apimachinery meta/v1 micro_time.go: microseconds are kept")
def _(ctx):
    ns = ctx.namespace()
    when = datetime.datetime(2024, 5, 1, 10, 0, 0, 654321, tzinfo=datetime.timezone.utc)
    lease = client.V1Lease(metadata=client.V1ObjectMeta(name="l"), spec=client.V1LeaseSpec(holder_identity="me", acquire_time=when, renew_time=when))
    ctx.coordination.create_namespaced_lease(ns, lease)
    read = ctx.coordination.read_namespaced_lease("l", ns)
    expect(read.spec.renew_time == when and read.spec.acquire_time == when, "renewTime %r" % read.spec.renew_time)


@check("Event_TimeWithOffset_ReturnedInUtcSeconds", "apimachinery meta/v1 time.go: Time is marshalled as UTC RFC3339, whole seconds")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"}, "involvedObject": {"kind": "ConfigMap", "name": "c", "namespace": ns},
            "reason": "R", "message": "m", "type": "Normal", "firstTimestamp": "2024-05-01T12:00:00.5+02:00", "lastTimestamp": "2024-05-01T12:30:00Z"}
    status, _, created = ctx.raw("POST", "/api/v1/namespaces/%s/events" % ns, body=body)
    expect(status == 201, "status %s %r" % (status, created))
    expect(created["firstTimestamp"] == "2024-05-01T10:00:00Z" and created["lastTimestamp"] == "2024-05-01T12:30:00Z",
           "timestamps %r %r" % (created["firstTimestamp"], created["lastTimestamp"]))


@check("Event_EventTimeWithOffset_ReturnedInUtcMicros", "apimachinery meta/v1 micro_time.go: eventTime is a MicroTime")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e"}, "eventTime": "2024-05-01T12:00:00.000001-01:00",
            "reportingController": "x.io/c", "reportingInstance": "i", "action": "A", "reason": "R", "type": "Normal",
            "regarding": {"kind": "ConfigMap", "name": "c", "namespace": ns}}
    status, _, created = ctx.raw("POST", "/apis/events.k8s.io/v1/namespaces/%s/events" % ns, body=body)
    expect(status == 201, "status %s %r" % (status, created))
    expect(created["eventTime"] == "2024-05-01T13:00:00.000001Z", "eventTime %r" % created["eventTime"])


@check("Lease_MicroTimeWithoutFraction_BadRequest", "apimachinery meta/v1 micro_time.go: MicroTime parses RFC3339Micro only")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"}, "spec": {"renewTime": "2024-05-01T12:00:00Z"}}
    status, _, created = ctx.raw("POST", "/apis/coordination.k8s.io/v1/namespaces/%s/leases" % ns, body=body)
    expect(status == 400, "status %s %r" % (status, created))


@check("CreationTimestamp_UtcSeconds", "apimachinery meta/v1 time.go: creationTimestamp is UTC RFC3339")
def _(ctx):
    ns = ctx.namespace()
    _, _, created = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body={"metadata": {"name": "c"}})
    stamp = created["metadata"]["creationTimestamp"]
    expect(len(stamp) == 20 and stamp.endswith("Z"), "creationTimestamp %r" % stamp)


# --- server-side apply ----------------------------------------------------------------------------------------------

def apply(ctx, ns, name, data, manager, force=False):
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}
    query = {"fieldManager": manager}
    if force:
        query["force"] = "true"
    return ctx.raw("PATCH", "/api/v1/namespaces/%s/configmaps/%s" % (ns, name), body=json.dumps(body), query=query,
                   content_type="application/apply-patch+yaml")


@check("Apply_ManagedFields_ApplyEntryWithoutDotForMaps",
       "structured-merge-diff: an Apply entry owns exactly the applied fields (no \".\" for a granular map)")
def _(ctx):
    ns = ctx.namespace()
    status, _, body = apply(ctx, ns, "a", {"x": "1"}, "py")
    expect(status == 201, "status %s %r" % (status, body))
    entries = [e for e in body["metadata"]["managedFields"] if e["manager"] == "py"]
    expect(entries and entries[0]["operation"] == "Apply" and entries[0]["fieldsV1"] == {"f:data": {"f:x": {}}}, "managedFields %r" % entries)


@check("Update_ManagedFields_DotForMapsTheManagerCreated",
       "structured-merge-diff: an Update entry owns what it added, including the map it created (\".\")")
def _(ctx):
    ns = ctx.namespace()
    _, _, body = ctx.raw("POST", "/api/v1/namespaces/%s/configmaps" % ns, body={"metadata": {"name": "c", "labels": {"l": "v"}}, "data": {"x": "1"}},
                         query={"fieldManager": "creator"})
    entries = [e for e in body["metadata"]["managedFields"] if e["manager"] == "creator"]
    expected = {"f:data": {".": {}, "f:x": {}}, "f:metadata": {"f:labels": {".": {}, "f:l": {}}}}
    expect(entries and entries[0]["fieldsV1"] == expected, "managedFields %r" % entries)


@check("Apply_ConflictingManager_409WithCause", "structured-merge-diff conflicts: 409 Conflict with a FieldManagerConflict cause per field")
def _(ctx):
    ns = ctx.namespace()
    apply(ctx, ns, "a", {"x": "1"}, "one")
    status, _, body = apply(ctx, ns, "a", {"x": "2"}, "two")
    expect(status == 409, "status %s" % status)
    expect(body["message"] == 'Apply failed with 1 conflict: conflict with "one": .data.x', "message %r" % body["message"])
    expect(body["details"]["causes"] == [{"reason": "FieldManagerConflict", "message": 'conflict with "one"', "field": ".data.x"}],
           "causes %r" % body["details"])


@check("Apply_Force_TakesOwnership", "structured-merge-diff: force=true moves the field to the applier")
def _(ctx):
    ns = ctx.namespace()
    apply(ctx, ns, "a", {"x": "1"}, "one")
    status, _, body = apply(ctx, ns, "a", {"x": "2"}, "two", force=True)
    owners = sorted(e["manager"] for e in body["metadata"]["managedFields"])
    expect(status == 200 and body["data"] == {"x": "2"} and owners == ["two"], "status %s owners %r" % (status, owners))


@check("Apply_DroppedField_RemovedWhenUnshared", "structured-merge-diff: a field the only applier stops applying is removed")
def _(ctx):
    ns = ctx.namespace()
    apply(ctx, ns, "a", {"x": "1", "y": "2"}, "one")
    _, _, body = apply(ctx, ns, "a", {"x": "1"}, "one")
    expect(body["data"] == {"x": "1"}, "data %r" % body["data"])


@check("DryRunServer_Apply_KeepsLiveResourceVersion",
       "apiserver dryRun=All: the answer is the object as it would be stored, without a new resourceVersion")
def _(ctx):
    ns = ctx.namespace()
    _, _, live = apply(ctx, ns, "a", {"x": "1"}, "one")
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"x": "1"}}
    status, _, dry = ctx.raw("PATCH", "/api/v1/namespaces/%s/configmaps/a" % ns, body=json.dumps(body),
                             query={"fieldManager": "one", "dryRun": "All"}, content_type="application/apply-patch+yaml")
    expect(status == 200, "status %s" % status)
    expect(dry["metadata"]["resourceVersion"] == live["metadata"]["resourceVersion"],
           "dry run resourceVersion %r, live %r" % (dry["metadata"].get("resourceVersion"), live["metadata"]["resourceVersion"]))


# --- misc ---------------------------------------------------------------------------------------------------------

@check("Namespace_Read_DefaultsAsServed", "pkg/registry/core/namespace strategy: phase Active, kubernetes finalizer, metadata.name label")
def _(ctx):
    ns = ctx.namespace()
    read = ctx.core.read_namespace(ns)
    expect(read.status.phase == "Active" and read.spec.finalizers == ["kubernetes"] and read.metadata.labels == {"kubernetes.io/metadata.name": ns},
           "namespace %r" % read)


@check("Version_Format", "/version: version.Info with gitVersion v1.32.x")
def _(ctx):
    status, _, body = ctx.raw("GET", "/version")
    expect(status == 200 and body["major"] == "1" and body["minor"] == "32", "version %r" % body)
    expect(body["gitVersion"].startswith("v1.32.") and body["gitVersion"].count("-") == 0, "gitVersion %r" % body["gitVersion"])


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
