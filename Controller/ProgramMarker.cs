namespace KamajiKubeconfig.Controller;

/// <summary>A type tests use to find the controller assembly.</summary>
public static class ProgramMarker;
