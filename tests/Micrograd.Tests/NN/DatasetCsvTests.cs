using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

public class DatasetCsvTests
{
    private static Dataset Read(string text, int? features = null) => DatasetCsv.Read(new StringReader(text), "test.csv", features);

    private static DataFormatException Refused(string text, int? features = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, features));

    [Fact]
    public void The_moons_fixture_loads_with_its_header()
    {
        var data = DatasetCsv.Load(Fixtures.PathOf("moons.csv"));
        Assert.Equal(100, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal("moons.csv", data.Name);
        Assert.Equal([1.1221146075409685, 0.08147717341718697], data.Features[0]);
        Assert.Equal(-1.0, data.Labels![0]);
        Assert.Equal(2, data.ClassCount);
    }

    [Fact]
    public void A_header_is_optional_and_blank_lines_are_skipped()
    {
        var withHeader = Read("a,b,c,label\n1,2,3,1\n\n4,5,6,-1\n");
        var without = Read("1,2,3,1\r\n4,5,6,-1");
        Assert.Equal(withHeader.Features.SelectMany(r => r), without.Features.SelectMany(r => r));
        Assert.Equal([1.0, -1.0], without.Labels);
        Assert.Equal(3, without.FeatureCount);
        Assert.Equal(2, without.Count);
    }

    [Fact]
    public void Quoted_fields_are_read_as_standard_csv_quotes_them()
    {
        var quoted = Read("\"1\",\"2\",\"1\"\n \"-3.5\" ,4,\"-1\"\n");
        Assert.Equal(2, quoted.Count);
        Assert.Equal([1.0, 2.0, -3.5, 4.0], quoted.Features.SelectMany(r => r));
        Assert.Equal([1.0, -1.0], quoted.Labels);
        var header = Read("\"x, first\",\"the \"\"y\"\"\",label\n1,2,1\n");
        Assert.Equal(1, header.Count);
        Assert.Equal(2, header.FeatureCount);
        Assert.Equal("test.csv, line 2: field 2 opens a quote that is not closed on its line.", Refused("1,2,1\n1,\"2,1\n").Message);
        Assert.Equal("test.csv, line 1: field 1 has text after its closing quote.", Refused("\"1\"x,2,1\n").Message);
        Assert.Equal("test.csv, line 1: field 2, 'two', is not a number.", Refused("1,\"two\",1\n").Message);
    }

    [Fact]
    public void With_a_feature_count_the_label_column_is_optional()
    {
        var unlabelled = Read("x1,x2\n0.5,1.5\n", features: 2);
        Assert.False(unlabelled.HasLabels);
        Assert.Equal([0.5, 1.5], unlabelled.Features[0]);
        var labelled = Read("0.5,1.5,1\n", features: 2);
        Assert.Equal([1.0], labelled.Labels);
        Assert.Contains("expected 2 fields (features) or 3 (features and label), found 4", Refused("1,2,3,4\n", features: 2).Message);
    }

    [Fact]
    public void Numbers_round_trip_through_save_and_load()
    {
        var random = new Random(8);
        var rows = Enumerable.Range(0, 50).Select(_ => new[] { random.NextDouble() * 1e-300, (random.NextDouble() - 0.5) * 1e300, random.NextDouble() }).ToArray();
        var data = new Dataset(rows, rows.Select((_, i) => (double)(i % 3)), "rt");
        var path = Path.Combine(Path.GetTempPath(), $"micrograd-csv-{Guid.NewGuid():N}.csv");
        try
        {
            DatasetCsv.Save(data, path);
            Assert.StartsWith("x1,x2,x3,label\n", File.ReadAllText(path));
            var back = DatasetCsv.Load(path);
            Assert.Equal(data.Features.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits), back.Features.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(data.Labels, back.Labels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Save_replaces_the_file_at_once_and_a_failed_save_leaves_the_old_one()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("data.csv", "the old file\n");
        var data = new Dataset([[1.5, -2.0], [0.25, 3.0]], [1.0, -1.0], "d");
        using (AtomicFile.WrapStreamsForTests(s => new FailingStream(s, 12)))
        {
            Assert.Throws<IOException>(() => DatasetCsv.Save(data, path));
        }
        Assert.Equal("the old file\n", File.ReadAllText(path));
        Assert.Equal(["data.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));

        DatasetCsv.Save(data, path);
        Assert.Equal("x1,x2,label\n1.5,-2,1\n0.25,3,-1\n", File.ReadAllText(path));
        Assert.Equal(["data.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("x1,x2,label\n1,2,1\n3,4\n", 3, "expected 3 fields, found 2")]
    [InlineData("1,2,1\n3,4,1,5\n", 2, "expected 3 fields, found 4")]
    [InlineData("x1,x2,label\n1,abc,1\n", 2, "field 2, 'abc', is not a number")]
    [InlineData("1,2,1\n\n\n1,,1\n", 4, "field 2 is empty")]
    [InlineData("1,2,1\n1,NaN,1\n", 2, "field 2, 'NaN', is not a finite number")]
    [InlineData("1,2,1\n1e400,2,1\n", 2, "field 1, '1e400', is not a finite number")]
    [InlineData("1,2,1\n\"1\"2,2,1\n", 2, "field 1 has text after its closing quote")]
    [InlineData("1;2;1\n", 1, "expected at least 2 fields (features, then the label), found 1")]
    [InlineData("label\n1\n", 1, "expected at least 2 fields")]
    [InlineData("1,2,1\n1.5.2,2,1\n", 2, "field 1, '1.5.2', is not a number")]
    public void A_malformed_line_is_refused_with_its_number_and_reason(string text, int line, string reason)
    {
        var e = Refused(text);
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(reason, e.Message);
        Assert.StartsWith($"test.csv, line {line}: ", e.Message);
    }

    [Fact]
    public void A_file_without_data_is_refused()
    {
        Assert.Equal("test.csv: the file is empty.", Refused("").Message);
        Assert.Equal("test.csv: the file is empty.", Refused("\n  \n").Message);
        Assert.Equal("test.csv: there are no data lines after the header.", Refused("x1,x2,label\n").Message);
    }

    [Fact]
    public void A_missing_file_is_an_io_error()
    {
        Assert.ThrowsAny<IOException>(() => DatasetCsv.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-micrograd", "x.csv")));
    }
}
