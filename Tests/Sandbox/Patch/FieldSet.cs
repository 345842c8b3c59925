using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>
/// A set of field paths as a trie, the model behind managedFields' FieldsV1. Path elements are "f:name" (field or
/// map key), "k:{json}" (associative list item) and "v:json" (set item); "." marks a node that is itself a member.
/// </summary>
public sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && _children.Count == 0;

    public IReadOnlyDictionary<string, FieldSet> Children => _children;

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Child(element);
        }
        node.IsMember = true;
    }

    public bool Contains(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out node!))
            {
                return false;
            }
        }
        return node.IsMember;
    }

    /// <summary>True when the path or anything below it is a member.</summary>
    public bool ContainsPrefix(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out node!))
            {
                return false;
            }
        }
        return !node.IsEmpty;
    }

    public void Remove(IReadOnlyList<string> path) => Remove(path, 0);

    private bool Remove(IReadOnlyList<string> path, int index)
    {
        if (index == path.Count)
        {
            IsMember = false;
        }
        else if (_children.TryGetValue(path[index], out var child) && child.Remove(path, index + 1))
        {
            _children.Remove(path[index]);
        }
        return IsEmpty;
    }

    /// <summary>Every member path, parents before children.</summary>
    public IEnumerable<IReadOnlyList<string>> Members()
    {
        var stack = new List<string>();
        return Walk(this, stack);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> prefix)
        {
            if (node.IsMember)
            {
                yield return [.. prefix];
            }
            foreach (var (key, child) in node._children)
            {
                prefix.Add(key);
                foreach (var member in Walk(child, prefix))
                {
                    yield return member;
                }
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet { IsMember = IsMember };
        foreach (var (key, child) in _children)
        {
            copy._children[key] = child.Clone();
        }
        return copy;
    }

    public bool SetEquals(FieldSet other) => ToFieldsV1().ToJsonString() == other.ToFieldsV1().ToJsonString();

    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        if (IsMember && _children.Count > 0)
        {
            obj["."] = new JsonObject();
        }
        foreach (var (key, child) in _children)
        {
            obj[key] = child.ToFieldsV1();
        }
        return obj;
    }

    public static FieldSet FromFieldsV1(JsonNode? node)
    {
        var set = new FieldSet();
        Read(set, node as JsonObject, isRoot: true);
        return set;

        static void Read(FieldSet target, JsonObject? obj, bool isRoot)
        {
            if (obj is null || obj.Count == 0)
            {
                target.IsMember = !isRoot;
                return;
            }
            foreach (var (key, value) in obj)
            {
                if (key == ".")
                {
                    target.IsMember = true;
                    continue;
                }
                Read(target.Child(key), value as JsonObject, isRoot: false);
            }
        }
    }

    private FieldSet Child(string element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }
        return child;
    }
}
