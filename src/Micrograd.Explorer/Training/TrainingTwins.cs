using System.Globalization;
using System.Text;
using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>An optimizer's JavaScript twin for the training page: <see cref="Update"/> is the source of a function (of the
/// settings, which it does not need: they are numbers of its expressions) that returns the update, <c>(settings) => (p, g, state, lr, step) => { … }</c>, where <c>p</c> and <c>g</c> are the
/// parameters' data and gradients (Float64Arrays, in parameter order; <c>p</c> is updated in place), <c>state</c> the optimizer's
/// per-parameter arrays (updated in place), <c>lr</c> the step's learning rate and <c>step</c> the number of steps taken
/// before this one. It computes what the C# update computes, in the same order, bit for bit; it may call the page's
/// <c>pow</c>, which is .NET's <see cref="Math.Pow"/>.</summary>
/// <param name="Name">The name the command line knows it by: sgd, momentum or adam.</param>
/// <param name="Update">The JavaScript source described above.</param>
/// <param name="Settings">The settings the function receives, by name.</param>
internal sealed record OptimizerTwin(string Name, string Update, IReadOnlyList<KeyValuePair<string, double>> Settings);

/// <summary>
/// The training page's JavaScript twins of the library's training classes, kept here, beside the page, rather than in the
/// core: the optimizers' updates (written from their formulas), the learning-rate schedules, each loss's per-sample numbers
/// and its test of a correct prediction, and the batch sampler (ported by hand). Each computes what its C# class computes,
/// in the same order, bit for bit
/// (tests/Micrograd.Explorer.Tests/Training/TrainingTwinTests runs each against the C# in a browser).
/// </summary>
internal static class TrainingTwins
{
    /// <summary>The twin of <paramref name="optimizer"/>, or null for an optimizer defined outside this library. Its update is
    /// written from the optimizer's own formula (<see cref="Optimizer.Formula"/>), not kept by hand.</summary>
    public static OptimizerTwin? Of(Optimizer optimizer) => optimizer switch
    {
        Adam adam => new("adam", Update(adam.Formula), [new("beta1", adam.Beta1), new("beta2", adam.Beta2), new("epsilon", adam.Epsilon)]),
        Momentum momentum => new("momentum", Update(momentum.Formula), [new("momentum", momentum.Coefficient)]),
        Sgd sgd => new("sgd", Update(sgd.Formula), []),
        _ => null,
    };

    /// <summary>
    /// The update of <paramref name="formula"/> as JavaScript, <c>() => (p, g, state, lr, step) => { … }</c>: the step's numbers,
    /// then for each parameter its new state (from the old, into temporaries, then stored) and its new value, each the
    /// formula's own expression (<see cref="ScriptNumber"/>), so the page computes what <see cref="Optimizer.Step"/> computes,
    /// in the same order. The settings are numbers of the expressions.
    /// </summary>
    internal static string Update(IUpdateFormula formula)
    {
        var numbers = new ScriptNumber[formula.StepNumberCount];
        formula.StepNumbers(ScriptNumber.Variable("step"), numbers);
        var state = Enumerable.Range(0, formula.StateCount).Select(k => ScriptNumber.Variable($"state[{k}][i]")).ToArray();
        var gradient = ScriptNumber.Variable("gi");
        formula.UpdateState(gradient, state, Variables("n", numbers.Length));
        var value = formula.UpdateParameter(ScriptNumber.Variable("p[i]"), gradient, Variables("s", state.Length), ScriptNumber.Variable("lr"),
            Variables("n", numbers.Length));

        var text = new StringBuilder("() => (p, g, state, lr, step) => {\n");
        for (var k = 0; k < numbers.Length; k++) text.Append(CultureInfo.InvariantCulture, $"  const n{k} = {numbers[k].Text};\n");
        text.Append("  for (let i = 0; i < p.length; i++) {\n    const gi = g[i];\n");
        for (var k = 0; k < state.Length; k++) text.Append(CultureInfo.InvariantCulture, $"    const s{k} = {state[k].Text};\n");
        for (var k = 0; k < state.Length; k++) text.Append(CultureInfo.InvariantCulture, $"    state[{k}][i] = s{k};\n");
        text.Append(CultureInfo.InvariantCulture, $"    p[i] = {value.Text};\n  }}\n}}\n");
        return text.ToString();
    }

    private static ScriptNumber[] Variables(string stem, int count) =>
        [.. Enumerable.Range(0, count).Select(k => ScriptNumber.Variable(stem + k.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The twin of <paramref name="schedule"/>: the source of a function of its settings that returns
    /// <c>(step) => rate</c>, computing exactly what <see cref="LearningRateSchedule.At"/> computes, and those settings; null
    /// for a schedule defined outside this library.</summary>
    public static (string Script, IReadOnlyList<KeyValuePair<string, double>> Settings)? Of(LearningRateSchedule schedule) => schedule switch
    {
        LinearDecaySchedule linear => (Linear, [new("start", linear.Start), new("end", linear.End), new("steps", linear.Steps)]),
        ConstantSchedule constant => ("({ rate }) => () => rate", [new("rate", constant.Rate)]),
        _ => null,
    };

    /// <summary>The linear schedule's twin, which the page also uses to make a linear schedule of its own.</summary>
    public const string Linear = """
        ({ start, end, steps }) => (step) => {
          if (step >= steps) return end;
          const decrement = (start - end) * step;
          return start - (Number.isFinite(decrement) ? decrement / steps : (start - end) * (step / steps));
        }
        """;

    /// <summary>The twins of a loss's per-sample numbers (<c>(outputs, target, numbers) => …</c>, filling what its compiled
    /// form's sample graph reads beside the outputs) and of its test of a correct prediction (<c>(output, target) => bool</c>);
    /// null for a loss this page does not know.</summary>
    public static (string Numbers, string IsCorrect)? Of(Loss loss) => loss.Name switch
    {
        "hinge" => ("(outputs, target, numbers) => { numbers[0] = -target; }", SameSign),
        "mse" => ("(outputs, target, numbers) => { numbers[0] = target; }", SameSign),
        "bce" => ("(outputs, target, numbers) => { numbers[0] = (target + 1) / 2; }", SameSign),
        "softmax" => (SoftmaxNumbers, SoftmaxIsCorrect),
        _ => null,
    };

    /// <summary>The twin of <c>Loss.IsCorrect</c> for one output: the output's sign is the target's (a NaN output has none).</summary>
    private const string SameSign = "(output, target) => !Number.isNaN(output[0]) && output[0] > 0 === target > 0";

    /// <summary>The twin of the softmax loss's class of a target (−1 when it is not valid for that many classes).</summary>
    private const string ClassOf = "(target, classes) => classes === 2 && target === -1 ? 0 : target >= 0 && target < classes && target === Math.floor(target) ? target : -1";

    private static string SoftmaxNumbers => $$"""
            ((classOf) => (outputs, target, numbers) => {
              let max = -Infinity;
              for (const z of outputs) max = Math.max(max, z);
              numbers.fill(max, 0, outputs.length + 1);
              numbers.fill(0, outputs.length + 1);
              numbers[outputs.length + 1 + classOf(target, outputs.length)] = 1;
            })({{ClassOf}})
            """;

    private static string SoftmaxIsCorrect => $$"""
            ((classOf) => (output, target) => {
              // a NaN output has no class, so it is not correct
              let best = 0;
              for (let k = 0; k < output.length; k++) {
                if (Number.isNaN(output[k])) return false;
                if (output[k] > output[best]) best = k;
              }
              return best === classOf(target, output.length);
            })({{ClassOf}})
            """;

    /// <summary>
    /// The twin of <c>new Random(seed)</c>: the source of a function <c>(seed) => { sample, next }</c>, a port of the generator
    /// .NET's <see cref="Random"/> uses when given a seed (Knuth's subtractive generator as .NET 5 kept it), where
    /// <c>sample()</c> is <see cref="Random.NextDouble"/> and <c>next(max)</c> is <see cref="Random.Next(int)"/> = ⌊Sample() · max⌋;
    /// integers wrap as C#'s do. The sampler's twin draws from it, and so does the page's train-again (the data, the split
    /// and the initial weights, as <c>micrograd train</c> draws them).
    /// </summary>
    public const string DotNetRandom = """
        (seed) => {
          const MBIG = 2147483647;
          const state = new Int32Array(56);
          seed |= 0;
          let mj = 161803398 - (seed === -2147483648 ? MBIG : Math.abs(seed));
          state[55] = mj;
          let mk = 1;
          let ii = 0;
          for (let i = 1; i < 55; i++) {
            ii += 21;
            if (ii >= 55) ii -= 55;
            state[ii] = mk;
            mk = (mj - mk) | 0;
            if (mk < 0) mk += MBIG;
            mj = state[ii];
          }
          for (let k = 1; k < 5; k++) {
            for (let i = 1; i < 56; i++) {
              let n = i + 30;
              if (n >= 55) n -= 55;
              state[i] = state[i] - state[1 + n];
              if (state[i] < 0) state[i] += MBIG;
            }
          }
          let next = 0;
          let nextp = 21;
          const sample = () => {
            if (++next >= 56) next = 1;
            if (++nextp >= 56) nextp = 1;
            let r = (state[next] - state[nextp]) | 0;
            if (r === MBIG) r--;
            if (r < 0) r += MBIG;
            state[next] = r;
            return r * (1 / MBIG);
          };
          return { sample, next: (max) => Math.trunc(sample() * max) };
        }
        """;

    /// <summary>
    /// The twin of a sampler made with <c>new BatchSampler(data, batchSize, new Random(seed))</c>: the source of a function
    /// <c>(count, batchSize, seed) => next</c>, where <c>next()</c> returns the positions of the next batch (an Int32Array) exactly
    /// as <see cref="BatchSampler.Next"/> chooses them, drawing from <see cref="DotNetRandom"/> and shuffling partially.
    /// </summary>
    public const string Sampler = $$"""
        (count, batchSize, seed) => {
          const sample = ({{DotNetRandom}})(seed).sample;
          const size = Math.min(batchSize, count);
          const indices = new Int32Array(count);
          return () => {
            for (let i = 0; i < count; i++) indices[i] = i;
            if (size === count) return indices;
            for (let i = 0; i < size; i++) {
              const j = i + Math.trunc(sample() * (count - i));
              const swap = indices[i];
              indices[i] = indices[j];
              indices[j] = swap;
            }
            return indices.slice(0, size);
          };
        }
        """;
}
