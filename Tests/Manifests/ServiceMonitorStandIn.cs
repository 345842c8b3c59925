namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// A TEST STAND-IN for the Prometheus Operator's ServiceMonitor CRD, not that CRD: a structural schema with only the
/// fields manifests/monitoring uses, so a server-side dry-run of it meets real CRD validation (unknown fields, types,
/// the Operator's duration pattern) without vendoring the Operator's 1000-line CRD. Extend it when the monitor grows.
/// </summary>
public static class ServiceMonitorStandIn
{
    public const string CrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: servicemonitors.monitoring.coreos.com
          annotations:
            description: test stand-in for the Prometheus Operator CRD (kubeconfig-generator Tests/Manifests)
        spec:
          group: monitoring.coreos.com
          scope: Namespaced
          names:
            kind: ServiceMonitor
            listKind: ServiceMonitorList
            plural: servicemonitors
            singular: servicemonitor
            shortNames: [smon]
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  required: [spec]
                  properties:
                    apiVersion: {type: string}
                    kind: {type: string}
                    metadata: {type: object}
                    spec:
                      type: object
                      required: [selector]
                      properties:
                        selector:
                          type: object
                          properties:
                            matchLabels:
                              type: object
                              additionalProperties: {type: string}
                        endpoints:
                          type: array
                          items:
                            type: object
                            properties:
                              port: {type: string}
                              path: {type: string}
                              interval:
                                type: string
                                pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'
        """;
}
