using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Protobuf;

/// <summary>
/// Decodes `application/vnd.kubernetes.protobuf` bodies (the "k8s\0" magic, a runtime.Unknown envelope, then the
/// object) into JSON, for the kinds in <see cref="ProtoSchemas"/>. kubectl's typed clients (create ns/secret/configmap,
/// auth can-i) send these; the sandbox answers in JSON, which they accept.
/// </summary>
public static class ProtobufDecoder
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !body[..4].SequenceEqual(Magic))
        {
            throw new FormatException("provided protobuf data is missing the k8s magic prefix");
        }
        var envelope = body[4..];
        string apiVersion = "", kind = "";
        ReadOnlySpan<byte> raw = default;
        var reader = new Reader(envelope);
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (number == 1 && wireType == 2)
            {
                var typeMeta = new Reader(reader.Bytes());
                while (!typeMeta.End)
                {
                    var (n, w) = typeMeta.Tag();
                    if (w != 2)
                    {
                        typeMeta.Skip(w);
                        continue;
                    }
                    var text = Encoding.UTF8.GetString(typeMeta.Bytes());
                    if (n == 1)
                    {
                        apiVersion = text;
                    }
                    else if (n == 2)
                    {
                        kind = text;
                    }
                }
            }
            else if (number == 2 && wireType == 2)
            {
                raw = reader.Bytes();
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        if (!ProtoSchemas.Messages.ContainsKey(kind))
        {
            throw new FormatException($"the sandbox cannot decode protobuf for kind {kind}; send JSON");
        }
        var obj = DecodeMessage(raw, kind);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            result[key] = value;
        }
        return result;
    }

    private static JsonObject DecodeMessage(ReadOnlySpan<byte> data, string message)
    {
        var schema = ProtoSchemas.Messages[message];
        var obj = new JsonObject();
        var reader = new Reader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (!schema.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }
            JsonNode? value = field.Kind switch
            {
                ProtoKind.Text => Encoding.UTF8.GetString(reader.Bytes()),
                ProtoKind.Bytes => Convert.ToBase64String(reader.Bytes()),
                ProtoKind.Number => (long)reader.Varint(),
                ProtoKind.Bool => reader.Varint() != 0,
                ProtoKind.Message => DecodeMessage(reader.Bytes(), field.Message!),
                // An empty Time message is the zero time, which JSON encodes as null (metav1 time_proto.go).
                ProtoKind.Time => reader.Bytes() is { Length: > 0 } t ? Time(t, micro: false) : null,
                ProtoKind.MicroTime => Time(reader.Bytes(), micro: true),
                ProtoKind.IntOrString => IntOrString(reader.Bytes()),
                ProtoKind.MapStringString or ProtoKind.MapStringBytes => null,
                _ => null,
            };
            if (field.Kind is ProtoKind.MapStringString or ProtoKind.MapStringBytes)
            {
                var (k, v) = MapEntry(reader.Bytes(), field.Kind == ProtoKind.MapStringBytes);
                var map = obj[field.Json] as JsonObject ?? [];
                map[k] = v;
                obj[field.Json] = map;
            }
            else if (field.Repeated)
            {
                var list = obj[field.Json] as JsonArray ?? [];
                list.Add(value);
                obj[field.Json] = list;
            }
            else if (!IsZero(value))
            {
                // Go's JSON encoding omits empty values (omitempty); protobuf always carries them.
                obj[field.Json] = value;
            }
        }
        return obj;
    }

    private static bool IsZero(JsonNode? value) => value is JsonValue v
        && (v.TryGetValue<string>(out var s) && s.Length == 0 || v.TryGetValue<long>(out var n) && n == 0 || v.TryGetValue<bool>(out var b) && !b);

    private static (string Key, string Value) MapEntry(ReadOnlySpan<byte> data, bool bytesValue)
    {
        var reader = new Reader(data);
        string key = "", value = "";
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (wireType != 2)
            {
                reader.Skip(wireType);
                continue;
            }
            var bytes = reader.Bytes();
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
            }
            else if (number == 2)
            {
                value = bytesValue ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);
            }
        }
        return (key, value);
    }

    private static JsonValue IntOrString(ReadOnlySpan<byte> data)
    {
        var reader = new Reader(data);
        long type = 0, number = 0;
        var text = "";
        while (!reader.End)
        {
            var (field, wireType) = reader.Tag();
            switch (field)
            {
                case 1 when wireType == 0:
                    type = (long)reader.Varint();
                    break;
                case 2 when wireType == 0:
                    number = (int)reader.Varint();
                    break;
                case 3 when wireType == 2:
                    text = Encoding.UTF8.GetString(reader.Bytes());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(number);
    }

    private static string Time(ReadOnlySpan<byte> data, bool micro)
    {
        var reader = new Reader(data);
        long seconds = 0, nanos = 0;
        while (!reader.End)
        {
            var (number, wireType) = reader.Tag();
            if (wireType != 0)
            {
                reader.Skip(wireType);
                continue;
            }
            var v = (long)reader.Varint();
            if (number == 1)
            {
                seconds = v;
            }
            else if (number == 2)
            {
                nanos = v;
            }
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool End => _position >= _data.Length;

        public (int Number, int WireType) Tag()
        {
            var tag = Varint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = _data[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }
            throw new FormatException("bad varint");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            var slice = _data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    _position += 8;
                    break;
                case 2:
                    Bytes();
                    break;
                case 5:
                    _position += 4;
                    break;
                default:
                    throw new FormatException($"unsupported wire type {wireType}");
            }
        }
    }
}
