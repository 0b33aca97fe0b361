using Microsoft.ML.OnnxRuntime;

public static class OnnxPredict
{
    /// <summary>Each sample's scores from a model written by 'micrograd export' (float64), as 'micrograd predict' prints them.</summary>
    public static double[][] Scores(string modelPath, double[][] samples)
    {
        using var session = new InferenceSession(modelPath);
        var outputs = (int)session.OutputMetadata["score"].Dimensions[1];          // score is [N, outputs]
        using var x = OrtValue.CreateTensorValueFromMemory(samples.SelectMany(s => s).ToArray(), [samples.Length, samples[0].Length]);
        using var options = new RunOptions();
        using var results = session.Run(options, ["x"], [x], ["score"]);
        return results[0].GetTensorDataAsSpan<double>().ToArray().Chunk(outputs).ToArray();
    }
}
