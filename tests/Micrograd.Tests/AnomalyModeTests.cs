namespace Micrograd.Tests;

public class AnomalyModeTests
{
    [Fact]
    public void Off_by_default_non_finite_values_propagate()
    {
        Assert.False(AnomalyMode.IsEnabled);
        var x = new Value(0.0, "x");
        var y = x.Log();
        y.Backward();
        Assert.Equal(double.NegativeInfinity, y.Data);
        Assert.Equal(double.PositiveInfinity, x.Grad);
    }

    [Fact]
    public void Forward_throws_where_the_first_infinity_appears_naming_op_and_label()
    {
        var x = new Value(0.0, "x");
        var ok = x + 1;
        using (AnomalyMode.Enable())
        {
            var e = Assert.Throws<AnomalyException>(() => x.Log());
            Assert.Equal(AnomalyPhase.Forward, e.Phase);
            Assert.Equal("log", e.Op);
            Assert.Equal(double.NegativeInfinity, e.Value);
            Assert.Contains("'x'", e.Message);
            Assert.Contains("log", e.Message);
        }
        Assert.False(AnomalyMode.IsEnabled);
        Assert.Equal(1.0, ok.Data);
    }

    [Fact]
    public void Backward_throws_where_the_first_NaN_gradient_appears()
    {
        // sqrt(x*x) at 0: forward is finite (0), the local derivative 1/(2*0) is infinite, then 0 * inf is NaN.
        var x = new Value(0.0, "x");
        var sq = x * x;
        sq.Label = "square";
        var r = sq.Sqrt();
        r.Label = "root";
        using var scope = AnomalyMode.Enable();
        var e = Assert.Throws<AnomalyException>(() => r.Backward());
        Assert.Equal(AnomalyPhase.Backward, e.Phase);
        Assert.Equal("sqrt", e.Op);
        Assert.Equal("root", e.Label);
        Assert.Equal(double.PositiveInfinity, e.Value);
        Assert.Contains("'square'", e.Message);
    }

    [Fact]
    public void A_backward_anomaly_leaves_every_leaf_gradient_as_it_was()
    {
        var x = new Value(0.0, "x");
        var w = new Value(2.0, "w");
        var r = (x * w).Sqrt() + w;
        x.Grad = 0.25;
        w.Grad = -1.5;
        using var scope = AnomalyMode.Enable();
        Assert.Throws<AnomalyException>(() => r.Backward());
        Assert.Equal(0.25, x.Grad);
        Assert.Equal(-1.5, w.Grad);
    }

    [Fact]
    public void Scopes_nest_and_stay_in_the_opening_flow()
    {
        // a thread started before the scope is another flow; one started inside it inherits it, as a task does
        using var started = new ManualResetEventSlim();
        using var checkNow = new ManualResetEventSlim();
        var before = true;
        var thread = new Thread(() =>
        {
            started.Set();
            checkNow.Wait();
            before = AnomalyMode.IsEnabled;
        });
        thread.Start();
        started.Wait();
        using (AnomalyMode.Enable())
        {
            using (AnomalyMode.Enable()) Assert.True(AnomalyMode.IsEnabled);
            Assert.True(AnomalyMode.IsEnabled);
            checkNow.Set();
            thread.Join();
            Assert.False(before);
            var inherited = false;
            var child = new Thread(() => inherited = AnomalyMode.IsEnabled);
            child.Start();
            child.Join();
            Assert.True(inherited);
        }
        Assert.False(AnomalyMode.IsEnabled);
    }

    [Fact]
    public void Finite_graphs_pass_through_unchanged()
    {
        using var scope = AnomalyMode.Enable();
        var x = new Value(0.5, "x");
        var y = (x * 3).Tanh() + x.Log();
        y.Backward();
        Support.Close.Assert(3 * (1 - Math.Pow(Math.Tanh(1.5), 2)) + 2, x.Grad, "x.grad");
    }
}
