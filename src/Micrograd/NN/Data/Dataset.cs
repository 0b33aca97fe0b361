using System.Collections.ObjectModel;

namespace Micrograd.NN;

/// <summary>
/// Samples for training or prediction: one row of features per sample and, optionally, one label per sample.
/// Rows are copied on construction, so later changes to the caller's arrays do not affect the data set, and a data set
/// cannot be changed afterwards (its rows and labels are read-only views, not arrays that a cast could reach): the
/// compiled engine may keep a batch's numbers between steps.
/// </summary>
/// <remarks>
/// Labels follow one convention throughout: two classes are -1 and 1 (the Python demo's convention, used by the
/// hinge and binary cross-entropy losses); more classes are 0, 1, …, K − 1 (used by softmax cross-entropy); any finite
/// number is a regression target (mean squared error).
/// </remarks>
public sealed class Dataset
{
    private readonly double[][] _features;
    private readonly double[]? _labels;
    private readonly ReadOnlyCollection<IReadOnlyList<double>> _featureRows;
    private readonly ReadOnlyCollection<double>? _labelList;

    /// <summary>A data set of the given rows and labels.</summary>
    /// <param name="features">At least one row; every row has the same number (at least 1) of features.</param>
    /// <param name="labels">One label per row, or null for unlabelled data.</param>
    /// <param name="name">A name for messages, such as the file it came from.</param>
    public Dataset(IEnumerable<IReadOnlyList<double>> features, IEnumerable<double>? labels, string name = "")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(name);
        _features = features.Select(r => (r ?? throw new ArgumentException("A row must not be null.", nameof(features))).ToArray()).ToArray();
        if (_features.Length == 0) throw new ArgumentException("A data set needs at least one sample.", nameof(features));
        FeatureCount = _features[0].Length;
        if (FeatureCount == 0) throw new ArgumentException("A sample needs at least one feature.", nameof(features));
        for (var i = 1; i < _features.Length; i++)
        {
            if (_features[i].Length != FeatureCount)
                throw new ArgumentException($"Row {i + 1} has {_features[i].Length} features but row 1 has {FeatureCount}.", nameof(features));
        }
        _labels = labels?.ToArray();
        if (_labels is not null && _labels.Length != _features.Length)
            throw new ArgumentException($"There are {_features.Length} rows but {_labels.Length} labels.", nameof(labels));
        _featureRows = Array.AsReadOnly(Array.ConvertAll(_features, row => (IReadOnlyList<double>)Array.AsReadOnly(row)));
        _labelList = _labels is null ? null : Array.AsReadOnly(_labels);
        Name = name;
    }

    /// <summary>A name for messages (a file name, or the generator's name); may be empty.</summary>
    public string Name { get; }

    /// <summary>The number of samples.</summary>
    public int Count => _features.Length;

    /// <summary>The number of features of every sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Each sample's features (read-only).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Features => _featureRows;

    /// <summary>Each sample's label (read-only); null when the data set is unlabelled.</summary>
    public IReadOnlyList<double>? Labels => _labelList;

    /// <summary>Sample <paramref name="i"/>'s features as the array they are kept in, for the library's own fast paths,
    /// which never change it.</summary>
    internal double[] Row(int i) => _features[i];

    /// <summary>True when every sample has a label.</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>
    /// The number of classes the labels describe: 2 when every label is -1 or 1, K when they are whole numbers from
    /// 0 to K − 1 (with K the largest plus one), and 0 when they are not class labels or there are none.
    /// </summary>
    public int ClassCount
    {
        get
        {
            if (_labels is null) return 0;
            if (_labels.All(y => y is -1.0 or 1.0)) return 2;
            if (_labels.All(y => y >= 0 && y < int.MaxValue && y == Math.Floor(y))) return (int)_labels.Max() + 1;
            return 0;
        }
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    /// <param name="indices">Positions in this data set; at least one.</param>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var i in indices) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)Count, nameof(indices));
        return new Dataset(indices.Select(i => (IReadOnlyList<double>)_features[i]), _labels is null ? null : indices.Select(i => _labels[i]), Name);
    }

    /// <summary>For example <c>moons: 100 samples, 2 features, labelled</c>.</summary>
    public override string ToString() =>
        $"{(Name.Length > 0 ? Name + ": " : "")}{Count} samples, {FeatureCount} features, {(HasLabels ? "labelled" : "unlabelled")}";
}
