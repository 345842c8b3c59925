"""Watches, boolean query parameters and lists."""
import base64
import json

from kubernetes import client, watch

from kcheck import check, configmap, expect


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
