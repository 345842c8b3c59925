using System.Globalization;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Parses flags the way Go's <c>flag</c> package does, so Kamaji's manifests work unchanged: <c>--flag=value</c>,
/// <c>--flag value</c>, single or double dash, bare booleans, and a leading <c>kubeconfig-generator</c> word
/// (Kamaji's chart runs <c>kamaji kubeconfig-generator ...</c>).
/// </summary>
public static class CommandLine
{
    private static readonly HashSet<string> BooleanFlags = ["leader-elect", "help"];

    public const string Usage = """
        Usage: kubeconfig-generator [flags]
          --metrics-bind-address string              address of the /metrics endpoint; "0" disables it (default ":8090")
          --health-probe-bind-address string         address of /healthz and /readyz; "0" disables them (default ":8091")
          --leader-elect                             elect a leader on Lease kubeconfiggenerator.kamaji.clastix.io (default true)
          --pod-namespace string                     namespace of the leader-election Lease (default $POD_NAMESPACE)
          --cache-resync-period duration             how often every generator is re-examined (default 10h0m0s)
          --certificate-expiration-deadline duration renew certificates this long before expiry; at least 24h (default 24h0m0s)
          --kubeconfig string                        kubeconfig file (default: in-cluster, else $KUBECONFIG, else ~/.kube/config)
          --workers int                              generators reconciled in parallel (default 4)
          --log-format string                        text or json (default "text")
        """;

    public static ControllerOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        var options = new ControllerOptions { PodNamespace = environment("POD_NAMESPACE") };
        var ignored = new List<string>();
        var start = args.Count > 0 && args[0] == "kubeconfig-generator" ? 1 : 0;
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg is "-" or "--")
            {
                error = $"unexpected argument {GoFormat.Quote(arg)}";
                return options;
            }
            var body = arg.TrimStart('-');
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            string? value = equals < 0 ? null : body[(equals + 1)..];
            if (name.StartsWith("zap-", StringComparison.Ordinal))
            {
                // controller-runtime's zap flags (the chart's --zap-devel): accepted, replaced by --log-format.
                ignored.Add(name);
                if (value is null && name != "zap-devel" && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    i++;
                }
                continue;
            }
            if (value is null && !BooleanFlags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    error = $"flag needs an argument: -{name}";
                    return options;
                }
                value = args[++i];
            }
            options = Apply(options, name, value, out error);
            if (error is not null)
            {
                return options;
            }
        }
        error = null;
        return options with { IgnoredFlags = ignored };
    }

    private static ControllerOptions Apply(ControllerOptions options, string name, string? value, out string? error)
    {
        error = null;
        switch (name)
        {
            case "help":
                error = "help requested";
                return options;
            case "metrics-bind-address" or "health-probe-bind-address":
                // Parsed here, so that a malformed address is a usage error like any other bad value.
                if (!BindAddress.TryParse(value!, out var endpoint))
                {
                    error = $"invalid value {GoFormat.Quote(value!)} for flag -{name}: {BindAddress.Expected}";
                    return options;
                }
                return name == "metrics-bind-address" ? options with { MetricsBindAddress = endpoint } : options with { HealthProbeBindAddress = endpoint };
            case "pod-namespace":
                return options with { PodNamespace = value };
            case "kubeconfig":
                return options with { Kubeconfig = value };
            case "leader-elect":
                if (!TryParseBool(value, out var elect))
                {
                    error = $"invalid boolean value {GoFormat.Quote(value!)} for -leader-elect";
                }
                return options with { LeaderElect = elect };
            case "cache-resync-period" or "certificate-expiration-deadline":
                if (!GoDuration.TryParse(value, out var duration))
                {
                    error = $"invalid value {GoFormat.Quote(value!)} for flag -{name}: parse error";
                    return options;
                }
                if (name == "cache-resync-period")
                {
                    return options with { CacheResyncPeriod = duration };
                }
                if (duration < ReconcileOptions.MinimumExpirationDeadline)
                {
                    error = $"--certificate-expiration-deadline must be at least {GoDuration.Format(ReconcileOptions.MinimumExpirationDeadline)}, got {value}";
                }
                return options with { CertificateExpirationDeadline = duration };
            case "workers":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) || workers < 1)
                {
                    error = $"invalid value {GoFormat.Quote(value!)} for flag -workers: must be a positive integer";
                }
                return options with { Workers = workers };
            case "log-format":
                if (value is not ("text" or "json"))
                {
                    error = $"invalid value {GoFormat.Quote(value!)} for flag -log-format: must be text or json";
                }
                return options with { LogFormat = value! };
            default:
                error = $"flag provided but not defined: -{name}";
                return options;
        }
    }

    /// <summary>Go's <c>strconv.ParseBool</c>; a bare boolean flag means true.</summary>
    private static bool TryParseBool(string? value, out bool result)
    {
        switch (value)
        {
            case null or "1" or "t" or "T" or "true" or "TRUE" or "True":
                result = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
