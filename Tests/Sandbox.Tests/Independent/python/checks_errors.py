"""Error Status bodies, Secret and ConfigMap validation."""
import base64
import json

from kubernetes import client

from kcheck import b64, check, configmap, expect


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


# --- Events and Leases ------------------------------------------------------------------------------------------------

@check("Event_InvolvedObjectElsewhere_Invalid", "pkg/apis/core/validation/events.go legacyValidateEvent: namespaces must agree")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"}, "involvedObject": {"kind": "Node", "name": "n"}, "reason": "R", "type": "Normal"}
    status, _, answer = ctx.raw("POST", "/api/v1/namespaces/%s/events" % ns, body=body)
    expect(status == 422, "status %s" % status)
    expect(answer["message"] == 'Event "e" is invalid: involvedObject.namespace: Invalid value: "": does not match event.namespace', "message %r" % answer["message"])


@check("Event_ClusterScopedObjectInDefault_Created", "pkg/apis/core/validation/events.go legacyValidateEvent: \"default\" may hold them")
def _(ctx):
    name = "e-" + ctx.run_id
    body = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": name}, "involvedObject": {"kind": "Node", "name": "n"}, "reason": "R", "type": "Normal"}
    status, _, answer = ctx.raw("POST", "/api/v1/namespaces/default/events", body=body)
    expect(status == 201, "status %s %r" % (status, answer))
    ctx.core.delete_namespaced_event(name, "default")


@check("Event_WithEventTime_NeedsReportingFields", "pkg/apis/core/validation/events.go legacyValidateEvent: reportingComponent, reportingInstance, action")
def _(ctx):
    ns = ctx.namespace()
    body = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"}, "involvedObject": {"kind": "ConfigMap", "name": "c", "namespace": ns},
            "reason": "R", "type": "Normal", "eventTime": "2024-05-01T12:00:00.000000Z"}
    status, _, answer = ctx.raw("POST", "/api/v1/namespaces/%s/events" % ns, body=body)
    expect(status == 422, "status %s" % status)
    fields = [c["field"] for c in answer["details"]["causes"]]
    expect(fields == ["reportingComponent", "reportingInstance", "action"], "causes %r" % fields)


@check("Lease_ZeroDuration_Invalid", "pkg/apis/coordination/validation ValidateLeaseSpec: leaseDurationSeconds must be greater than 0")
def _(ctx):
    ns = ctx.namespace()
    lease = client.V1Lease(metadata=client.V1ObjectMeta(name="l"), spec=client.V1LeaseSpec(holder_identity="me", lease_duration_seconds=0))
    body = ctx.fails(lambda: ctx.coordination.create_namespaced_lease(ns, lease)).status_body
    expect(body["message"] == 'Lease.coordination.k8s.io "l" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
           "message %r" % body["message"])
