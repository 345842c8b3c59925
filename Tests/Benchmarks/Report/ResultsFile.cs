using System.Text.Encodings.Web;
using System.Text.Json;
using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Report;

/// <summary>bench/results.json: snake_case names with units in them, indented, written atomically.</summary>
public static class ResultsFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(BenchResults results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(results, Options) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
