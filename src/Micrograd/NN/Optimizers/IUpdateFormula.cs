using Micrograd.Ops;

namespace Micrograd.NN;

/// <summary>
/// An optimizer's update written once, generic over the number type (<see cref="IOpNumber{T}"/>), as the ops' formulas are:
/// an optimizer gives its own as <see cref="Optimizer.Formula"/>, <see cref="Optimizer.Step"/> runs it on doubles, and
/// other packages write its twins from it (the training page's JavaScript update is generated from it). A step first computes its own numbers from the step count
/// (<see cref="StepNumbers"/>), then, for each parameter in turn, its new state (<see cref="UpdateState"/>) and its new
/// value (<see cref="UpdateParameter"/>), each operation in the order written.
/// </summary>
/// <remarks>The library's <see cref="Sgd"/>, <see cref="Momentum"/> and <see cref="Adam"/> each have one. NaN and
/// infinities propagate by IEEE rules, as in <see cref="Optimizer.Step"/>.</remarks>
public interface IUpdateFormula
{
    /// <summary>How many numbers each parameter carries from step to step (momentum: its velocity; Adam: m and v).</summary>
    int StateCount { get; }

    /// <summary>How many numbers a step computes once, before any parameter (Adam: its two bias corrections).</summary>
    int StepNumberCount { get; }

    /// <summary>The step's own numbers.</summary>
    /// <param name="stepsTaken">How many steps were taken before this one (<see cref="Optimizer.StepCount"/>).</param>
    /// <param name="numbers">Receives <see cref="StepNumberCount"/> numbers.</param>
    void StepNumbers<T>(T stepsTaken, Span<T> numbers) where T : IOpNumber<T>;

    /// <summary>A parameter's state after this step: <paramref name="state"/>'s <see cref="StateCount"/> numbers, updated in
    /// place, in order.</summary>
    /// <param name="gradient">The parameter's gradient.</param>
    /// <param name="state">The parameter's state before this step; receives its state after it.</param>
    /// <param name="stepNumbers">The step's own numbers.</param>
    void UpdateState<T>(T gradient, Span<T> state, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T>;

    /// <summary>A parameter's value after this step.</summary>
    /// <param name="parameter">Its value before the step.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="state">Its state after this step (<see cref="UpdateState"/>).</param>
    /// <param name="learningRate">The step's learning rate.</param>
    /// <param name="stepNumbers">The step's own numbers.</param>
    T UpdateParameter<T>(T parameter, T gradient, ReadOnlySpan<T> state, T learningRate, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T>;
}
