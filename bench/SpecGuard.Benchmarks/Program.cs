using BenchmarkDotNet.Running;

if (args is ["first-load", ..])
{
    SpecGuard.Benchmarks.FirstLoad.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SpecGuard.Benchmarks.LoaderBenchmarks).Assembly).Run(args);
