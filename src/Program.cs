namespace McProxy;

internal static class Program
{
    private static int Main(string[] args)
    {
        System.Console.Out.WriteLine("mcproxy skeleton");
        return 0;
    }
}
