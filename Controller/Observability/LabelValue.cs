using System.Globalization;
using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Turns closed sets (enums) into label values, resolved once so that recording is an array index.</summary>
internal static class LabelValue
{
    /// <summary>"RotationRequested" becomes "rotation_requested", the Prometheus convention for label values.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var output = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                output.Append('_');
            }

            output.Append(char.ToLowerInvariant(name[i]));
        }

        return output.ToString();
    }

    /// <summary>
    /// One series per enum member, indexed by the member's value. Creating them all up front is what makes
    /// every member show as 0 before it first happens, so dashboards see zeros rather than gaps.
    /// </summary>
    public static TSeries[] PerMember<TEnum, TSeries>(Func<string, TSeries> resolve)
        where TEnum : struct, Enum
    {
        var members = Enum.GetValues<TEnum>();
        var series = new TSeries[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            // Array indexing relies on the default numbering 0..n-1; fail at startup, not when recording.
            if (Convert.ToInt32(members[i], CultureInfo.InvariantCulture) != i)
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} members must be numbered 0..n-1");
            }

            series[i] = resolve(Of(members[i]));
        }

        return series;
    }

    /// <summary>The series of an enum member, or null for a value outside the enum (never thrown for).</summary>
    public static TSeries? Pick<TSeries>(TSeries[] series, int index)
        where TSeries : class => (uint)index < (uint)series.Length ? series[index] : null;
}
