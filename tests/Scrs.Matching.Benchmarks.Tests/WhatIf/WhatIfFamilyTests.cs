using Scrs.Matching.Benchmarks.WhatIf;
using Scrs.Matching.Input;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Benchmarks.Tests.WhatIf;

public class WhatIfFamilyTests
{
    [Fact]
    public void Any_thirty_consecutive_seeds_hold_every_family_and_variation_pair()
    {
        for (var first = 0; first < 42; first += 7)
        {
            var pairs = Enumerable.Range(first, 30).Select(seed => WhatIfFamily.Instance(seed, _ => Tiny)).Select(i => (i.Family, i.Variation)).ToHashSet();
            Assert.Equal(WhatIfFamily.Families.Length * WhatIfFamily.Variations.Length, pairs.Count);
        }
    }

    [Fact]
    public void Each_small_instance_is_valid_input_the_same_for_its_seed_and_different_from_its_base()
    {
        var small = WhatIfFamily.Base("small");
        for (var seed = 0; seed < 21; seed += 3)
        {
            var instance = WhatIfFamily.Instance(seed);
            Assert.Equal("small", instance.Family);
            Assert.Empty(ProblemValidator.Validate(instance.Problem));
            Assert.Equal(ProblemJson.Write(instance.Problem), ProblemJson.Write(WhatIfFamily.Instance(seed).Problem));
            Assert.NotEqual(ProblemJson.Write(small), ProblemJson.Write(instance.Problem));
        }
    }

    /// <summary>A stand-in base for the pairing test, which looks only at the names.</summary>
    private static Domain.DeploymentProblem Tiny => WhatIfFamily.Base("small");
}
