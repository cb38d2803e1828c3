using Scrs.Matching.Host;

return CommandLine.Run(args, Console.Out, Console.Error);
