using BenchmarkDotNet.Running;

if (args is ["first-load", ..])
{
    SpecGuard.Benchmarks.FirstLoad.Run();
    return;
}

if (args is ["first-generator", ..])
{
    SpecGuard.Benchmarks.FirstGenerator.Run(args is [_, "cold", ..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SpecGuard.Benchmarks.LoaderBenchmarks).Assembly).Run(args);
