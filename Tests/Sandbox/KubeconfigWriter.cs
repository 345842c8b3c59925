using System.Text;

namespace KamajiKubeconfig.Sandbox;

/// <summary>Writes kubeconfig files (YAML) for the sandbox: bearer token or client certificate users.</summary>
public static class KubeconfigWriter
{
    public static string ForToken(Uri server, string caPem, string token, string name = "sandbox") =>
        Build(server, caPem, name, $"    token: {token}\n");

    public static string ForClientCertificate(Uri server, string caPem, string certificatePem, string keyPem, string name = "sandbox") =>
        Build(server, caPem, name,
            $"    client-certificate-data: {Base64(certificatePem)}\n    client-key-data: {Base64(keyPem)}\n");

    private static string Build(Uri server, string caPem, string name, string userFields)
    {
        var url = server.GetLeftPart(UriPartial.Authority);
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {url}
                certificate-authority-data: {Base64(caPem)}
            users:
            - name: {name}
              user:
            {userFields}contexts:
            - name: {name}
              context:
                cluster: {name}
                user: {name}
                namespace: default
            current-context: {name}

            """;
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
