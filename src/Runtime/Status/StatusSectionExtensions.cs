using McProxy.Runtime.Loop;
namespace McProxy.Runtime.Status;

/// <summary>The names used on the control socket and in the command line.</summary>
internal static class StatusSectionExtensions
{
    public static string Name(this StatusSection s) => s switch
    {
        StatusSection.Groups => "groups",
        StatusSection.Routes => "routes",
        StatusSection.Interfaces => "interfaces",
        _ => "status",
    };

    public static bool TryParse(string text, out StatusSection section)
    {
        section = text switch
        {
            "status" => StatusSection.Status,
            "groups" => StatusSection.Groups,
            "routes" => StatusSection.Routes,
            "interfaces" => StatusSection.Interfaces,
            _ => (StatusSection)255,
        };
        return section != (StatusSection)255;
    }
}
