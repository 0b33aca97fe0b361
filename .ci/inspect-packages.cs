// Looks inside the packages that .ci/package-check made, as a user of NuGet sees them: each package's readme, icon, licence
// and tags; the exact versions at which the libraries depend on each other; THIRD-PARTY-NOTICES.txt wherever others' code
// is carried (with every package the tool redistributes named at its version); and what the tool's packages leave out
// (XML docs, translated messages, and in the portable package the natives of platforms it never runs on).
// Usage, from the repository's root: dotnet run .ci/inspect-packages.cs -- FEED VERSION
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run .ci/inspect-packages.cs -- FEED VERSION");
    return 2;
}
var (feed, version) = (args[0], args[1]);
var repo = Directory.GetCurrentDirectory();
var failures = new List<string>();

string[] sharedTags = ["autograd", "backpropagation", "automatic-differentiation", "micrograd", "neural-network", "machine-learning", "education"];
string[] toolPlatforms = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "any"];
// the platforms that only the portable tool package serves, whose natives it keeps (Micrograd.Cli.csproj)
string[] portableNatives = ["win-x86", "win-arm64", "linux-arm", "linux-musl-arm"];
// fdlibm's notice, as Ops/Fdlibm.cs carries it: every package with that code compiled in carries it too
var fdlibmNotice = File.ReadLines(Path.Combine(repo, "src/Micrograd/Ops/Fdlibm.cs")).Skip(2).Take(8).Select(l => l.TrimStart('/').Trim()).ToArray();

// package id → (its project, whether it must carry THIRD-PARTY-NOTICES.txt, the sibling packages it depends on)
var packages = new List<(string Id, string Project, bool Notices, string[] Siblings)>
{
    ("Micrograd", "Micrograd", true, []),
    ("Micrograd.Plots", "Micrograd.Plots", false, ["Micrograd"]),
    ("Micrograd.Explorer", "Micrograd.Explorer", true, ["Micrograd"]),
    ("Micrograd.Onnx", "Micrograd.Onnx", true, ["Micrograd"]),
    ("Micrograd.Cli", "Micrograd.Cli", true, []),
};
packages.AddRange(toolPlatforms.Select(p => ($"Micrograd.Cli.{p}", "Micrograd.Cli", true, Array.Empty<string>())));

foreach (var (id, project, notices, siblings) in packages)
{
    var path = Path.Combine(feed, $"{id}.{version}.nupkg");
    if (!File.Exists(path))
    {
        failures.Add($"{id}: no package {Path.GetFileName(path)}");
        continue;
    }
    using var zip = ZipFile.OpenRead(path);
    var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
    byte[]? Read(string name)
    {
        if (!entries.TryGetValue(name, out var entry)) return null;
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
    void Same(string entry, string file)
    {
        var inside = Read(entry);
        if (inside is null) failures.Add($"{id}: no {entry}");
        else if (!inside.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(repo, file)))) failures.Add($"{id}: {entry} is not {file}");
    }

    var nuspec = XDocument.Load(new MemoryStream(Read($"{id}.nuspec")!));
    var ns = nuspec.Root!.Name.Namespace;
    var metadata = nuspec.Root.Element(ns + "metadata")!;
    string? Meta(string name) => metadata.Element(ns + name)?.Value;

    // readme, icon, licence, tags
    if (Meta("readme") != "README.md") failures.Add($"{id}: the nuspec's readme is '{Meta("readme")}', not README.md");
    Same("README.md", $"src/{project}/README.md");
    if (Meta("icon") != "icon.png") failures.Add($"{id}: the nuspec's icon is '{Meta("icon")}', not icon.png");
    Same("icon.png", "eng/icon.png");
    if (metadata.Element(ns + "license")?.Value != "MIT" || !entries.ContainsKey("LICENSE")) failures.Add($"{id}: not MIT with its LICENSE");
    var tags = (Meta("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (sharedTags.Except(tags).Any() || tags.Length <= sharedTags.Length) failures.Add($"{id}: tags '{Meta("tags")}' lack the shared ones or its own");

    // siblings at exactly this version
    var dependencies = metadata.Descendants(ns + "dependency").ToList();
    foreach (var sibling in siblings)
    {
        if (!dependencies.Any(d => (string?)d.Attribute("id") == sibling)) failures.Add($"{id}: no dependency on {sibling}");
    }
    foreach (var dependency in dependencies.Where(d => ((string?)d.Attribute("id"))!.StartsWith("Micrograd", StringComparison.Ordinal)))
    {
        if ((string?)dependency.Attribute("version") != $"[{version}]")
            failures.Add($"{id}: depends on {dependency.Attribute("id")} at '{dependency.Attribute("version")}', not exactly [{version}]");
    }

    // notices
    var noticeText = Read("THIRD-PARTY-NOTICES.txt") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
    if (notices)
    {
        Same("THIRD-PARTY-NOTICES.txt", $"src/{project}/THIRD-PARTY-NOTICES.txt");
        if (noticeText is not null && !fdlibmNotice.All(noticeText.Contains)) failures.Add($"{id}: THIRD-PARTY-NOTICES.txt lacks fdlibm's notice as Fdlibm.cs has it");
    }

    // the tool's packages: every redistributed package named at its version; no XML docs, no translations
    var tool = entries.Keys.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).ToList();
    if (id.StartsWith("Micrograd.Cli.", StringComparison.Ordinal))
    {
        var platform = id["Micrograd.Cli.".Length..];
        var deps = Read($"tools/net10.0/{platform}/Micrograd.Cli.deps.json");
        if (deps is null)
        {
            failures.Add($"{id}: no Micrograd.Cli.deps.json");
        }
        else
        {
            using var json = JsonDocument.Parse(deps);
            foreach (var library in json.RootElement.GetProperty("libraries").EnumerateObject())
            {
                if (library.Value.GetProperty("type").GetString() != "package") continue;
                var (name, at) = (library.Name.Split('/')[0], library.Name.Split('/')[1]);
                if (noticeText is null || !noticeText.Contains($"{name} {at}", StringComparison.Ordinal))
                    failures.Add($"{id}: THIRD-PARTY-NOTICES.txt does not name {name} {at}, which the tool carries");
            }
        }
        foreach (var entry in tool.Where(e => e.EndsWith(".xml", StringComparison.Ordinal) && !e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)))
            failures.Add($"{id}: carries the XML docs {entry}");
        foreach (var entry in tool.Where(e => e.EndsWith(".resources.dll", StringComparison.Ordinal)))
            failures.Add($"{id}: carries the translations {entry}");
        if (platform == "any")
        {
            var natives = tool.Where(e => e.Contains("/native/", StringComparison.Ordinal)).Select(e => e.Split('/')[4]).Distinct().Order().ToList();
            if (!natives.SequenceEqual(portableNatives.Order()))
                failures.Add($"{id}: natives for [{string.Join(", ", natives)}], not [{string.Join(", ", portableNatives.Order())}]");
        }
    }
    Console.WriteLine($"{id}: {new FileInfo(path).Length:N0} bytes, {zip.Entries.Count} files");
}

foreach (var failure in failures) Console.Error.WriteLine($"package-check: {failure}");
if (failures.Count == 0) Console.WriteLine("packages: readme, icon, licence, tags, exact sibling versions, notices and the tool's contents as intended");
return failures.Count == 0 ? 0 : 1;
