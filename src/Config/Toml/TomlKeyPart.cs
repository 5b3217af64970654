namespace McProxy.Config.Toml;

/// <summary>One part of a (possibly dotted) key and where it starts.</summary>
internal readonly record struct TomlKeyPart(string Name, TomlPosition Position);
