using System;
using SpecGuard.Cli;

return CommandLine.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
