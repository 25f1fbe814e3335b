using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>
/// Issue 11, "no work before there is work": a spec file the fast path reads never loads YamlDotNet's assembly; the first
/// file that needs YamlDotNet's parser (an anchor) does. Checked in a fresh load context with its own copy of
/// SpecGuard.Core, which records every assembly it is asked for (the test process itself has YamlDotNet loaded long ago).
/// </summary>
public sealed class YamlDotNetLoadTests
{
    private sealed class RecordingContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public RecordingContext(string folder)
            : base(isCollectible: true) => _folder = folder;

        public List<string> Requested { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            Requested.Add(assemblyName.Name!);
            string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }

    private static int Load(Assembly core, string text)
    {
        Type loader = core.GetType("SpecGuard.Core.SpecLoader", throwOnError: true)!;
        MethodInfo load = loader.GetMethod("Load", [typeof(string), typeof(string), core.GetType("SpecGuard.Core.SpecLoaderLimits", throwOnError: true)!])!;
        object result = load.Invoke(null, ["a.spec.yaml", text, null])!;
        object? feature = result.GetType().GetProperty("Feature")!.GetValue(result);
        if (feature is null)
        {
            return -1;
        }

        object criteria = feature.GetType().GetProperty("Criteria")!.GetValue(feature)!;
        return (int)criteria.GetType().GetProperty("Count")!.GetValue(criteria)!;
    }

    [Fact]
    public void The_fast_path_never_loads_YamlDotNet_and_the_first_anchor_does()
    {
        string folder = Path.GetDirectoryName(typeof(SpecLoader).Assembly.Location)!;
        var context = new RecordingContext(folder);
        try
        {
            Assembly core = context.LoadFromAssemblyPath(Path.Combine(folder, "SpecGuard.Core.dll"));
            Assert.Equal(1, Load(core, "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: A criterion\n    then: [it holds, \"quoted\"]\n    tags: [a]\n"));
            Assert.DoesNotContain("YamlDotNet", context.Requested);

            Assert.Equal(1, Load(core, "specguard: 1\nfeature: ORDERS\ntitle: &t Orders\ncriteria:\n  - id: ORDERS-001\n    title: A criterion\n    then: it holds\n"));
            Assert.Contains("YamlDotNet", context.Requested);
        }
        finally
        {
            context.Unload();
        }
    }
}
