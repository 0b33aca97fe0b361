namespace Micrograd.Tests;

/// <summary>The Python original's README example and sanity check, whose numbers come from PyTorch.</summary>
public class OriginalExamplesTests
{
    [Fact]
    public void Readme_example()
    {
        var a = new Value(-4.0);
        var b = new Value(2.0);
        var c = a + b;
        var d = a * b + b.Pow(3);
        c += c + 1;
        c += 1 + c + (-a);
        d += d * 2 + (b + a).Relu();
        d += 3 * d + (b - a).Relu();
        var e = c - d;
        var f = e.Pow(2);
        var g = f / 2.0;
        g += 10.0 / f;
        g.Backward();

        Support.Close.Assert(24.70408163265306, g.Data, "g");
        Support.Close.Assert(138.83381924198252, a.Grad, "a.grad");
        Support.Close.Assert(645.5772594752186, b.Grad, "b.grad");
    }

    [Fact]
    public void Sanity_check()
    {
        var x = new Value(-4.0);
        var z = 2 * x + 2 + x;
        var q = z.Relu() + z * x;
        var h = (z * z).Relu();
        var y = h + q + q * x;
        y.Backward();

        Assert.Equal(-20.0, y.Data);
        Assert.Equal(46.0, x.Grad);
    }
}
