namespace Micrograd.Explorer.Tests.Support;

/// <summary>Writes explorer pages into a temporary directory.</summary>
public static class PageFile
{
    public static string Write(TempDirectory directory, string name, Value root, ExplorerOptions? options = null)
    {
        var path = directory.File(name + ".html");
        using (var writer = new StreamWriter(path)) ExplorerPage.Write(root, writer, options);
        return path;
    }
}
