namespace Micrograd.NN.Gpt;

/// <summary>
/// One weight matrix of a <see cref="Gpt"/>, as microgpt's <c>state_dict</c> holds it: a name (such as <c>wte</c> or
/// <c>layer0.attn_wq</c>) and rows of parameters, one row per output (or per token, or per position, for the embeddings).
/// </summary>
public sealed class GptMatrix
{
    private readonly Value[][] _rows;

    internal GptMatrix(string name, Value[][] rows, int columns)
    {
        Name = name;
        _rows = rows;
        Columns = columns;
    }

    /// <summary>The name, as microgpt's <c>state_dict</c> key: <c>wte</c>, <c>wpe</c>, <c>lm_head</c>, or
    /// <c>layer{i}.attn_wq</c>, <c>attn_wk</c>, <c>attn_wv</c>, <c>attn_wo</c>, <c>mlp_fc1</c>, <c>mlp_fc2</c>.</summary>
    public string Name { get; }

    /// <summary>How many rows.</summary>
    public int Rows => _rows.Length;

    /// <summary>How many parameters in each row.</summary>
    public int Columns { get; }

    /// <summary>The parameter at <paramref name="row"/>, <paramref name="column"/>.</summary>
    /// <param name="row">From 0 to <see cref="Rows"/> − 1.</param>
    /// <param name="column">From 0 to <see cref="Columns"/> − 1.</param>
    /// <exception cref="IndexOutOfRangeException">A coordinate is outside the matrix.</exception>
    public Value this[int row, int column] => _rows[row][column];

    /// <summary>Row <paramref name="row"/>, as a read-only list of its parameters.</summary>
    /// <param name="row">From 0 to <see cref="Rows"/> − 1.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public IReadOnlyList<Value> Row(int row) => Array.AsReadOnly(_rows[row]);

    /// <summary>Row <paramref name="row"/> itself, for the library's own loops; never changed by them.</summary>
    internal Value[] RowValues(int row) => _rows[row];

    /// <summary>Every parameter, row by row.</summary>
    internal IEnumerable<Value> Parameters => _rows.SelectMany(r => r);

    /// <summary>A matrix of new leaves from <paramref name="initial"/>(row, column), called row by row, column by column.</summary>
    internal static GptMatrix Create(string name, int rows, int columns, Func<int, int, double> initial)
    {
        var values = new Value[rows][];
        for (var r = 0; r < rows; r++)
        {
            values[r] = new Value[columns];
            for (var c = 0; c < columns; c++) values[r][c] = new Value(initial(r, c), $"{name}[{r}][{c}]");
        }
        return new GptMatrix(name, values, columns);
    }
}
