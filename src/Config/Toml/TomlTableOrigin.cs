namespace McProxy.Config.Toml;

/// <summary>How a table came to exist; decides which later statements may extend it (TOML 1.0 "Table").</summary>
internal enum TomlTableOrigin : byte
{
    /// <summary>Created as a parent of a [header]; a later [header] may still define it once.</summary>
    Implicit,

    /// <summary>Defined by [header] or [[header]] (or the root table).</summary>
    Header,

    /// <summary>Created by a dotted key; only further dotted keys of the same section extend it.</summary>
    Dotted,

    /// <summary>An inline table value: complete and immutable once written.</summary>
    Inline,
}
