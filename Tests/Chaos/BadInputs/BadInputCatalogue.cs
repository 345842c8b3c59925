namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>Every bad input of <c>make chaos</c>, in table order (isolated ones run last).</summary>
public static class BadInputCatalogue
{
    public static IReadOnlyList<BadInputCase> All() =>
    [
        .. IdentityCases.All(),
        .. PathCases.All(),
        .. SelectorCases.All(),
        .. SpecCases.All(),
        .. TemplateCases.All(),
        .. CaCases.All(),
        .. ReferenceCases.All(),
        .. NameCases.All(),
        .. TamperCases.All(),
        .. PoisonCases.All(),
    ];
}
