using System.Buffers.Binary;
using System.Numerics;

namespace Micrograd.NN;

/// <summary>
/// CPython 3's <c>random</c> module, bit for bit (CPython 3.11): the Mersenne Twister MT19937 of
/// <c>Modules/_randommodule.c</c> and the methods of <c>Lib/random.py</c> that a small Python training script uses
/// (Karpathy's microgpt: <c>seed</c>, <c>random</c>, <c>gauss</c>, <c>shuffle</c>, <c>choices</c>). Seeded with the
/// same integer and called in the same order, it returns exactly what Python returns, so a C# port of a Python
/// program can reproduce its run to the last bit.
/// </summary>
/// <remarks>
/// <para>Each method names the Python call it reproduces. <see cref="NextDouble"/>, <see cref="GetRandBits"/>,
/// <see cref="Next(int)"/>, <see cref="Shuffle{T}"/>, <see cref="Choice"/> and <see cref="Uniform"/> use only integer
/// arithmetic and IEEE 754 double operations (+, −, ×, comparisons), so they agree with CPython on every platform.
/// <see cref="Gauss"/> also calls <see cref="Math.Log(double)"/>, <see cref="Math.Cos"/> and <see cref="Math.Sin"/>,
/// as <c>random.py</c> calls the C library's <c>log</c>, <c>cos</c> and <c>sin</c>: on Linux .NET calls the same C
/// library, so the values agree; with another math library the last bit of a Gaussian could differ.</para>
/// <para>An instance is not thread-safe (neither is sharing one Python <c>Random</c> between threads).</para>
/// </remarks>
public sealed class PythonRandom
{
    // Period parameters, as _randommodule.c defines them: "These are all magic. Don't change."
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;   // constant vector a
    private const uint UpperMask = 0x80000000U; // most significant w-r bits
    private const uint LowerMask = 0x7fffffffU; // least significant r bits

    // random.py: TWOPI = 2.0 * _pi
    private const double TwoPi = 2.0 * Math.PI;

    // RandomObject in _randommodule.c: the state words and the index of the next one to temper
    private readonly uint[] _mt = new uint[N];
    private int _index;

    // random.py, Random.gauss_next: the second Gaussian of the last pair, or null
    private double? _gaussNext;

    /// <summary>Seeds the generator as <c>random.seed(seed)</c> does for a Python <c>int</c>.</summary>
    /// <param name="seed">Any value; a negative seed gives the same numbers as its absolute value, as in CPython.</param>
    public PythonRandom(long seed)
        : this(new BigInteger(seed))
    {
    }

    /// <summary>
    /// Seeds the generator as <c>random.seed(seed)</c> does for a Python <c>int</c> of any size: all of its bits are
    /// used.
    /// </summary>
    /// <param name="seed">Any value; a negative seed gives the same numbers as its absolute value, as in CPython.</param>
    public PythonRandom(BigInteger seed)
    {
        // _randommodule.c, random_seed: "This algorithm relies on the number being unsigned. So: if the arg is a
        // PyLong, use its absolute value." Then "split n into 32-bit chunks, from the right": the key is the
        // little-endian 32-bit words of abs(n), and [0] for 0.
        var n = BigInteger.Abs(seed);
        var bits = n.GetBitLength();
        var keyUsed = bits == 0 ? 1 : checked((int)((bits - 1) / 32 + 1));
        var bytes = new byte[keyUsed * 4];
        if (!n.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
            throw new InvalidOperationException("The seed's words do not fit its key."); // unreachable: sized above
        var key = new uint[keyUsed];
        for (var i = 0; i < keyUsed; i++)
            key[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        InitByArray(key);
        _gaussNext = null; // random.py, Random.seed: self.gauss_next = None
    }

    /// <summary>
    /// The next double in [0, 1), as Python's <c>random()</c>: 53 random bits, from two 32-bit words
    /// (<c>random_random</c> in <c>_randommodule.c</c>, the original's <c>genrand_res53</c>). Never NaN or infinite.
    /// </summary>
    public double NextDouble()
    {
        // "a contains 27 random bits shifted left 26, and b fills in the lower 26 bits of the 53-bit numerator";
        // 67108864 is 2**26 and 9007199254740992 is 2**53. a is drawn first, then b.
        uint a = GenRandUInt32() >> 5, b = GenRandUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>
    /// A Gaussian draw, as Python's <c>random.gauss(mu, sigma)</c>: Box–Muller makes two at a time, returns the first
    /// and keeps the second for the next call (Python's <c>gauss_next</c>; other methods neither use nor clear it).
    /// </summary>
    /// <param name="mu">The mean. Not checked: NaN gives NaN, an infinity gives that infinity (or NaN if the scaled
    /// draw is the opposite infinity).</param>
    /// <param name="sigma">The standard deviation. Not checked, as in Python: a negative sigma mirrors the draw, 0 gives
    /// <paramref name="mu"/>, an infinite sigma gives an infinity (or NaN where the draw is 0) and NaN gives NaN.</param>
    /// <returns><c>mu + z * sigma</c>, where z is a standard normal draw.</returns>
    public double Gauss(double mu = 0, double sigma = 1)
    {
        // random.py, Random.gauss (not normalvariate, which Python's gauss is faster than but not equal to)
        var z = _gaussNext;
        _gaussNext = null;
        if (z is null)
        {
            var x2pi = NextDouble() * TwoPi;
            var g2rad = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
            z = Math.Cos(x2pi) * g2rad;
            _gaussNext = Math.Sin(x2pi) * g2rad;
        }
        return mu + z.Value * sigma;
    }

    /// <summary>
    /// A non-negative integer of <paramref name="k"/> random bits, as Python's <c>random.getrandbits(k)</c>. Up to 32
    /// bits it is the top k bits of one 32-bit word; more bits fill 32-bit words from the least significant one up,
    /// the last word keeping only its top bits (<c>_random_Random_getrandbits_impl</c> in <c>_randommodule.c</c>).
    /// </summary>
    /// <param name="k">The number of bits, 0 or more; 0 returns 0 and draws nothing (Python 3.9 and later).</param>
    /// <returns>A value in [0, 2^k).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative (Python raises ValueError).</exception>
    public BigInteger GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0)
            return BigInteger.Zero;
        if (k <= 32) // fast path
            return GenRandUInt32() >> (32 - k);

        var words = (k - 1) / 32 + 1;
        var bytes = new byte[words * 4];
        // "Fill-out bits of long integer, by 32-bit words, from least significant to most significant."
        for (var i = 0; i < words; i++, k -= 32)
        {
            var r = GenRandUInt32();
            if (k < 32)
                r >>= 32 - k; // "Drop least significant bits"
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), r);
        }
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="n"/>), as Python's <c>random.randrange(n)</c>, which is
    /// <c>_randbelow(n)</c>: draw <c>n.bit_length()</c> bits until the number is below n.
    /// </summary>
    /// <param name="n">The number of possible values; at least 1 (1 still draws one word and returns 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is 0 or negative (Python raises ValueError,
    /// "empty range for randrange()").</exception>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)RandBelow((ulong)n);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="n"/>), as Python's <c>random.randrange(n)</c>, for bounds beyond
    /// <see cref="int"/>. For the same n it draws exactly as <see cref="Next(int)"/> does.
    /// </summary>
    /// <param name="n">The number of possible values; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is 0 or negative (Python raises ValueError,
    /// "empty range for randrange()").</exception>
    public long Next(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (long)RandBelow((ulong)n);
    }

    /// <summary>
    /// Shuffles the list in place, as Python's <c>random.shuffle(x)</c>: Fisher–Yates from the last item down, item i
    /// swapped with item <c>_randbelow(i + 1)</c>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The list (an array works too). A list of 0 or 1 items is left as it is and draws nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="NotSupportedException">The list is read-only and has 2 or more items (its indexer throws).</exception>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // random.py: for i in reversed(range(1, len(x))): j = randbelow(i + 1); x[i], x[j] = x[j], x[i]
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = (int)RandBelow((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// One weighted draw: the index that <c>random.choices(range(len(weights)), weights=weights)[0]</c> returns, from
    /// one <see cref="NextDouble"/>. As in Python, the weights are summed left to right and the index is
    /// <c>bisect_right(cum_weights, random() * total, 0, n - 1)</c>; a zero weight is never chosen, and single
    /// weights are not checked (a negative weight is accepted and makes its neighbours' odds odd, as in Python).
    /// </summary>
    /// <param name="weights">The relative weights, one per index; their sum must be positive and finite.</param>
    /// <returns>An index in [0, weights.Length).</returns>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is empty (Python raises IndexError); or their sum
    /// is 0 or less (-∞ included); or their sum is NaN or +∞, from a NaN or infinite weight or an overflow (Python
    /// raises ValueError for these two, with the same messages). Nothing is drawn when it throws.</exception>
    public int Choice(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
            throw new ArgumentException("There are no weights to choose from.", nameof(weights));

        // cum_weights = list(itertools.accumulate(weights))
        Span<double> cumWeights = n <= 256 ? stackalloc double[n] : new double[n];
        cumWeights[0] = weights[0];
        for (var i = 1; i < n; i++)
            cumWeights[i] = cumWeights[i - 1] + weights[i];

        var total = cumWeights[n - 1] + 0.0; // "convert to float", as random.py writes it
        if (total <= 0.0)
            throw new ArgumentException("Total of weights must be greater than zero.", nameof(weights));
        if (!double.IsFinite(total))
            throw new ArgumentException("Total of weights must be finite.", nameof(weights));
        return BisectRight(cumWeights, NextDouble() * total, 0, n - 1);
    }

    /// <summary>A uniform double between a and b, as Python's <c>random.uniform(a, b)</c>: <c>a + (b - a) * random()</c>.</summary>
    /// <param name="a">The end returned when <c>random()</c> is 0; it may be larger than <paramref name="b"/>.</param>
    /// <param name="b">The other end, which only rounding can reach.</param>
    /// <returns>A value between a and b. The arguments are not checked, as in Python: NaN gives NaN; an infinite end,
    /// or a difference <c>b - a</c> that overflows, gives an infinity or NaN (<c>Uniform(-1e308, 1e308)</c> is +∞ for
    /// every draw but <c>random() = 0</c>).</returns>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    // random.py, Random._randbelow_with_getrandbits (3.11): "Return a random int in the range [0,n). Defined for n > 0."
    //     k = n.bit_length()  # don't use (n-1) here because n can be 1
    //     r = getrandbits(k)  # 0 <= r < 2**k
    //     while r >= n: r = getrandbits(k)
    private ulong RandBelow(ulong n)
    {
        var k = 64 - BitOperations.LeadingZeroCount(n);
        var r = GetRandBits64(k);
        while (r >= n)
            r = GetRandBits64(k);
        return r;
    }

    // GetRandBits(k) for 1 <= k <= 64 without a BigInteger: the same words, drawn in the same order.
    private ulong GetRandBits64(int k)
    {
        if (k <= 32)
            return GenRandUInt32() >> (32 - k);
        ulong low = GenRandUInt32();               // word 0, the least significant, whole
        ulong high = GenRandUInt32() >> (64 - k);  // word 1, the last, keeps its top k - 32 bits
        return (high << 32) | low;
    }

    // Modules/_bisectmodule.c, internal_bisect_right: the first index in [lo, hi) whose item is greater than x (or
    // hi). The same halving as Python's, so that even cumulative weights that are not sorted give Python's answer.
    // Right, not left, is why a zero weight is never chosen: x equal to its cumulative weight goes past it.
    // (Internal for a test: random() * total hits a cumulative weight exactly about once in 2^53 draws.)
    internal static int BisectRight(ReadOnlySpan<double> a, double x, int lo, int hi)
    {
        while (lo < hi)
        {
            var mid = (int)(((uint)lo + (uint)hi) / 2);
            if (x < a[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    // _randommodule.c, genrand_uint32: "generates a random number on [0,0xffffffff]-interval"
    private uint GenRandUInt32()
    {
        var mt = _mt;
        uint y;
        if (_index >= N) // "generate N words at one time"
        {
            int kk;
            for (kk = 0; kk < N - M; kk++)
            {
                y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ Mag01(y);
            }
            for (; kk < N - 1; kk++)
            {
                y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
                mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ Mag01(y);
            }
            y = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ Mag01(y);

            _index = 0;
        }

        // tempering
        y = mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    // mag01[y & 0x1U] in genrand_uint32, where mag01[x] = x * MATRIX_A for x = 0, 1
    private static uint Mag01(uint y) => (y & 0x1U) == 0 ? 0x0U : MatrixA;

    // _randommodule.c, init_genrand: "initializes mt[N] with a seed"
    private void InitGenRand(uint s)
    {
        var mt = _mt;
        mt[0] = s;
        int mti;
        for (mti = 1; mti < N; mti++)
        {
            // See Knuth TAOCP Vol2. 3rd Ed. P.106 for multiplier.
            mt[mti] = unchecked((1812433253U * (mt[mti - 1] ^ (mt[mti - 1] >> 30))) + (uint)mti);
        }
        _index = mti;
    }

    // _randommodule.c, init_by_array: "init_key is the array for initializing keys"
    private void InitByArray(uint[] initKey)
    {
        var mt = _mt;
        var keyLength = initKey.Length;
        InitGenRand(19650218U);
        int i = 1, j = 0;
        for (var k = Math.Max(N, keyLength); k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + initKey[j] + (uint)j); // non linear
            i++;
            j++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= keyLength)
                j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint)i); // non linear
            i++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }

        mt[0] = 0x80000000U; // "MSB is 1; assuring non-zero initial array"
    }
}
