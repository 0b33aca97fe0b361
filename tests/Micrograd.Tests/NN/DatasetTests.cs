using Micrograd.NN;

namespace Micrograd.Tests.NN;

public class DatasetTests
{
    [Fact]
    public void A_data_set_cannot_be_changed_through_its_rows_or_labels()
    {
        double[][] rows = [[1, 2], [3, 4]];
        var data = new Dataset(rows, [1, -1]);
        rows[0][0] = 99; // the caller's arrays are copied
        Assert.Equal(1, data.Features[0][0]);

        // neither the rows nor the labels are arrays that a cast could write to
        Assert.IsNotType<double[][]>(data.Features);
        Assert.All(data.Features, row => Assert.IsNotType<double[]>(row));
        Assert.IsNotType<double[]>(data.Labels);
        var row = Assert.IsAssignableFrom<IList<double>>(data.Features[0]);
        Assert.Throws<NotSupportedException>(() => row[0] = 5);
        Assert.Throws<NotSupportedException>(() => ((IList<double>)data.Labels!)[0] = 5);
        Assert.Equal(1, data.Features[0][0]);
    }

    [Fact]
    public void Rows_of_different_lengths_are_refused_with_their_numbers_from_one()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset([[1.0, 2.0], [3.0]], null));
        Assert.StartsWith("Row 2 has 1 features but row 1 has 2.", error.Message);
    }
}
