using System.Text;

namespace KamajiKubeconfig.Sandbox.Discovery;

/// <summary>A minimal protobuf encoder: length-delimited strings and nested messages, enough for gnostic documents.</summary>
public sealed class ProtoWriter
{
    private readonly List<byte> _buffer = [];

    public void Text(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        Bytes(field, nested.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Bytes(int field, byte[] value)
    {
        Varint((ulong)((field << 3) | 2));
        Varint((ulong)value.Length);
        _buffer.AddRange(value);
    }

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.Add((byte)value);
    }
}
