"""Server-side apply bookkeeping, dry runs, and the rest."""
import json

from kcheck import check, expect


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
