namespace Scrs.Matching.Samples;

/// <summary>
/// The SplitMix64 generator of Steele, Lea and Flood (2014), implemented here so that a seed gives the same sample corps on
/// every runtime: <see cref="System.Random"/> does not promise a stable sequence across .NET versions.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates a generator whose first output is the SplitMix64 output for <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>An independent generator for one part of the corps, so that changing one part's size leaves the others unchanged.</summary>
    public static SplitMix64 Stream(int seed, ulong stream) => new(Mix(Mix(unchecked((ulong)seed)) ^ Mix(stream + Gamma)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="count"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int Below(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bound = (ulong)count;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>], both included.</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    /// <summary><see langword="true"/> with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, not all zero).</summary>
    public int Weighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        // Rounding can leave x at a hair above zero: fall back to the last index with weight.
        for (var i = weights.Length - 1; i >= 0; i--)
            if (weights[i] > 0) return i;
        throw new ArgumentException("All weights are zero.", nameof(weights));
    }

    /// <summary>An element of <paramref name="items"/>, uniformly.</summary>
    public T Choose<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
