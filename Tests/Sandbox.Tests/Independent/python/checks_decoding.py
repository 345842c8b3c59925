"""Decoding of built-in kinds: unknown fields, value types, times."""
import datetime
import json

from kubernetes import client

from kcheck import check, expect


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
