namespace McProxy.Interop;

internal static partial class Interop
{
    /// <summary>Library names for [LibraryImport]; "libc" is bound at link time (DirectPInvoke).</summary>
    internal static class Libraries
    {
        public const string Libc = "libc";
    }
}
