using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SpecGuard.Core;

namespace SpecGuard.Benchmarks;

/// <summary>
/// Loader speed: is it fast enough to run on every keystroke? Run with
/// <c>dotnet run -c Release --project bench/SpecGuard.Benchmarks -- --filter *LoaderBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private List<SpecSource> _fiftyFiles = null!;
    private SpecSource _oneTypicalFile = null!;
    private string _fiveMegabytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fiftyFiles = SyntheticSpecs.FiftyFiles();
        _oneTypicalFile = _fiftyFiles[0];
        _fiveMegabytes = SyntheticSpecs.LargeFile(5 * 1024 * 1024);
        SpecLoader.Load("warm.spec.yaml", _oneTypicalFile.Text); // schema parse happens once per process
    }

    /// <summary>One file of 20 criteria: what an editor re-checks on a keystroke.</summary>
    [Benchmark(Baseline = true)]
    public SpecLoadResult OneFileOf20Criteria() => SpecLoader.Load(_oneTypicalFile.Path, _oneTypicalFile.Text);

    /// <summary>1,000 criteria in 50 files, with the cross-file duplicate check.</summary>
    [Benchmark]
    public SpecSet FiftyFilesOf1000Criteria() => SpecSet.Load(_fiftyFiles);

    /// <summary>One 5 MB spec file.</summary>
    [Benchmark]
    public SpecLoadResult OneFileOf5MB() => SpecLoader.Load("specs/big.spec.yaml", _fiveMegabytes);
}
