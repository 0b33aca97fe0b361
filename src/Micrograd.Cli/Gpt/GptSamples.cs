using System.Globalization;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>Sampling as microgpt prints it: <c>sample  1: kamon</c>, one line per name (<c>f"sample {i+1:2d}: {name}"</c>).</summary>
internal static class GptSamples
{
    /// <summary>The heading microgpt.py prints before its samples.</summary>
    public const string Heading = "--- inference (new, hallucinated names) ---";

    /// <summary>Refuses a prefix that the model cannot start from: a character outside its vocabulary (named), or more
    /// characters than its context.</summary>
    /// <exception cref="UsageException">The prefix does not fit the model.</exception>
    public static void CheckPrefix(string prefix, CharTokenizer tokenizer, GptConfig config)
    {
        var place = 0;
        foreach (var rune in prefix.EnumerateRunes())
        {
            place++;
            if (!tokenizer.TryGetId(rune, out _))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--prefix '{prefix}': character {place}, {CharTokenizer.Describe(rune)}, is not in the model's vocabulary{Vocabulary(tokenizer)}"));
            }
        }
        if (place > config.ContextLength)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--prefix '{prefix}' has {place} characters, more than the model's context of {config.ContextLength}"));
        }
    }

    /// <summary>Draws <paramref name="count"/> samples from <paramref name="random"/> and writes a line for each.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="sampler">The model's sampler.</param>
    /// <param name="random">The generator, which advances.</param>
    /// <param name="count">How many.</param>
    /// <param name="temperature">The temperature, finite and above 0.</param>
    /// <param name="prefix">The text every sample starts with (checked with <see cref="CheckPrefix"/>).</param>
    /// <param name="diverged">What to tell when the model's weights are not finite, such as training's hint.</param>
    /// <exception cref="UsageException">The probabilities are not finite numbers (NaN weights, or a temperature so small
    /// that the scaled logits overflow).</exception>
    public static void Write(TextWriter output, GptSampler sampler, PythonRandom random, int count, double temperature, string prefix, string diverged)
    {
        for (var i = 0; i < count; i++)
        {
            string sample;
            try
            {
                sample = sampler.Sample(random, temperature, prefix);
            }
            catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
            {
                // PythonRandom.Choice: the weights' total is NaN, infinite or 0
                throw new UsageException(sampler.Model.Parameters.All(p => double.IsFinite(p.Data))
                    ? $"cannot sample: at --temperature {Numbers.Format(temperature)} the next character's probabilities are not finite numbers (the scaled logits overflow); try a larger --temperature"
                    : $"cannot sample: the model's weights are not all finite numbers{diverged}", e);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample {i + 1,2}: {sample}"));
        }
    }

    private static string Vocabulary(CharTokenizer tokenizer)
    {
        var characters = tokenizer.Characters;
        return tokenizer.CharacterCount <= 64 && characters.All(c => !char.IsControl(c))
            ? $" ({characters})"
            : string.Create(CultureInfo.InvariantCulture, $" of {tokenizer.CharacterCount} characters");
    }
}
