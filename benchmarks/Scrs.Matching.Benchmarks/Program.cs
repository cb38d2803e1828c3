using BenchmarkDotNet.Running;
using Scrs.Matching.Benchmarks;

// Sub-commands first; anything else (for example --filter '*') goes to BenchmarkDotNet.
if (args is ["compare" or "gap" or "scaling" or "host" or "simulation" or "replan" or "whatif" or "profile" or "advise" or "cancel" or "classes", ..]) return Commands.Run(args, Console.Out, Console.Error);
if (args is ["help" or "--help" or "-h"])
{
    Console.WriteLine(Commands.Usage);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Commands).Assembly).Run(args);
return 0;
