namespace Micrograd.NN;

/// <summary>
/// An optimizer's JavaScript twin, declared in the optimizer's own file next to its C# update, for pages that train in a
/// browser (the training page). <see cref="Update"/> is the source of a function of the settings that returns the update:
/// <code>(settings) => (p, g, state, lr, step) => { … }</code>
/// where <c>p</c> and <c>g</c> are the parameters' data and gradients (Float64Arrays, in parameter order; <c>p</c> is
/// updated in place), <c>state</c> the per-parameter arrays of <see cref="Optimizer.State"/> (updated in place), <c>lr</c> the
/// step's learning rate and <c>step</c> the number of steps taken before this one (<see cref="Optimizer.StepCount"/>). It
/// computes what the C# update computes, in the same order, bit for bit; it may call the page's <c>pow</c>, which is .NET's
/// <see cref="Math.Pow"/> (see <c>Ops.OpScript</c>).
/// </summary>
/// <param name="Name">The name the command line knows it by: sgd, momentum or adam.</param>
/// <param name="Update">The JavaScript source described above.</param>
/// <param name="Settings">The settings the function receives, by name (momentum's <c>momentum</c>; Adam's <c>beta1</c>,
/// <c>beta2</c>, <c>epsilon</c>).</param>
internal sealed record OptimizerScript(string Name, string Update, IReadOnlyList<KeyValuePair<string, double>> Settings);
