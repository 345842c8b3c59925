using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>Fluent test generator: defaults to Kamaji's docs example minus the namespace selector.</summary>
public sealed class GeneratorBuilder(string name)
{
    private LabelSelector? _namespaceSelector;
    private LabelSelector? _tcpSelector;
    private CompoundValue? _user = Compound.FromPath("metadata.name");
    private List<CompoundValue> _groups = [Compound.Static("customer-admins")];
    private string _endpointFrom = "admin.conf";
    private string? _validity;
    private string? _algorithm;
    private SortedMap _annotations = SortedMap.Empty;
    private SortedMap _secretLabels = SortedMap.Empty;
    private SortedMap _secretAnnotations = SortedMap.Empty;
    private bool _deleting;
    private bool _finalizer = true;
    private long _generation = 1;
    private GeneratorStatus? _status;

    public GeneratorBuilder NamespaceSelector(LabelSelector? selector) { _namespaceSelector = selector; return this; }
    public GeneratorBuilder TenantControlPlaneSelector(LabelSelector? selector) { _tcpSelector = selector; return this; }
    public GeneratorBuilder User(CompoundValue? user) { _user = user; return this; }
    public GeneratorBuilder Groups(params CompoundValue[] groups) { _groups = [.. groups]; return this; }
    public GeneratorBuilder EndpointFrom(string key) { _endpointFrom = key; return this; }
    public GeneratorBuilder Validity(string? validity) { _validity = validity; return this; }
    public GeneratorBuilder KeyAlgorithm(string? algorithm) { _algorithm = algorithm; return this; }
    public GeneratorBuilder Paused() { _annotations = _annotations.With(WellKnown.PausedAnnotation, "true"); return this; }
    public GeneratorBuilder SecretLabels(SortedMap labels) { _secretLabels = labels; return this; }
    public GeneratorBuilder SecretAnnotations(SortedMap annotations) { _secretAnnotations = annotations; return this; }
    public GeneratorBuilder Deleting() { _deleting = true; return this; }
    public GeneratorBuilder WithoutFinalizer() { _finalizer = false; return this; }
    public GeneratorBuilder Generation(long generation) { _generation = generation; return this; }
    public GeneratorBuilder Status(GeneratorStatus? status) { _status = status; return this; }

    public Generator Build() => new(
        name,
        $"uid-{name}",
        _generation,
        _annotations,
        _finalizer ? EquatableList.Of(WellKnown.Finalizer) : EquatableList<string>.Empty,
        _deleting,
        new GeneratorSpec(_namespaceSelector, _tcpSelector, _user, _groups.ToEquatableList(), _endpointFrom, _validity, _algorithm,
            _secretLabels, _secretAnnotations),
        _status);

    public static LabelSelector Labels(params (string Key, string Value)[] labels) =>
        new(SortedMap.Of(labels), EquatableList<LabelSelectorRequirement>.Empty);

    public static LabelSelector Expression(string key, string op, params string[] values) =>
        new(SortedMap.Empty, EquatableList.Of(new LabelSelectorRequirement(key, op, values.ToEquatableList())));
}
