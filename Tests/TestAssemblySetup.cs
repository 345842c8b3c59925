using System.Runtime.CompilerServices;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests;

/// <summary>Process-wide setup the controller's Program does first thing, done before any test touches JSON.</summary>
internal static class TestAssemblySetup
{
#pragma warning disable CA2255 // A test assembly is an application entry point of its own: this is its "Program".
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => KubernetesDecoding.Configure();
}
