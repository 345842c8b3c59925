namespace KamajiKubeconfig.Sandbox.Protobuf;

/// <summary>How one protobuf field of a Kubernetes message maps to JSON.</summary>
public sealed record ProtoField(string Json, ProtoKind Kind, bool Repeated = false, string? Message = null);

public enum ProtoKind
{
    Text,
    Bytes,
    Number,
    Bool,
    Message,
    MapStringString,
    MapStringBytes,
    Time,
    MicroTime,

    /// <summary>intstr.IntOrString: {type, intVal, strVal} as a JSON number or string.</summary>
    IntOrString,
}
