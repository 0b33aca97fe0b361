namespace Micrograd.NN.Gpt;

/// <summary>How a <see cref="GptTrainer"/> or a <see cref="GptSampler"/> computes: both give the same numbers, bit for bit.</summary>
public enum GptEngine
{
    /// <summary>Builds each step's graph of <see cref="Value"/>s (<see cref="Gpt.Loss"/>) and runs <see cref="Value.Backward"/>,
    /// as microgpt.py does.</summary>
    Eager,

    /// <summary>Runs the same arithmetic as loops over flat arrays, with no node and no allocation per step: many times faster.</summary>
    Compiled,
}
