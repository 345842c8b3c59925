using System.Text.Json;

namespace KamajiKubeconfig.Reconcile;

/// <summary>The certificate subject for one TCP: CN and sorted, de-duplicated O values.</summary>
public sealed record Identity(string User, EquatableList<string> Groups);

/// <summary>Resolves <c>user</c> and <c>groups</c> for one TCP, groups first as Kamaji does.</summary>
public static class IdentityResolver
{
    public static Identity? Resolve(GeneratorSpec spec, JsonElement document, out string? error)
    {
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            var value = ResolveOne(group, document, "at least a StringValue or FromDefinition Group value must be provided", out error);
            if (value is null)
            {
                return null;
            }
            groups.Add(value);
        }
        var user = ResolveOne(spec.User, document, "at least a StringValue or FromDefinition for the user field must be provided", out error);
        return user is null ? null : new Identity(user, groups.ToEquatableList());
    }

    private static string? ResolveOne(CompoundValue? value, JsonElement document, string missing, out string? error)
    {
        if (!string.IsNullOrEmpty(value?.StringValue))
        {
            error = null;
            return value.StringValue;
        }
        if (!string.IsNullOrEmpty(value?.FromDefinition))
        {
            return DefinitionResolver.Resolve(document, value.FromDefinition, out error);
        }
        error = missing;
        return null;
    }
}
