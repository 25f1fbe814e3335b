using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SpecGuard.Benchmarks.LoaderBenchmarks).Assembly).Run(args);
