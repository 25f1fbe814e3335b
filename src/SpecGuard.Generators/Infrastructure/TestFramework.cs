using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>The test framework a project references, which decides the shape of pending tests.</summary>
    internal enum TestFramework
    {
        /// <summary>Not a test project: no pending tests.</summary>
        None,

        /// <summary>xUnit.net v2 (xunit.core).</summary>
        XunitV2,

        /// <summary>xUnit.net v3 (xunit.v3.core).</summary>
        XunitV3,

        /// <summary>NUnit 3 or 4 (nunit.framework).</summary>
        NUnit,

        /// <summary>MSTest (Microsoft.VisualStudio.TestPlatform.TestFramework / MSTest.TestFramework).</summary>
        MSTest,
    }

    /// <summary>What the generator needs to know about the project it runs in; value-equatable.</summary>
    internal sealed record ProjectInfo(TestFramework Framework, string AssemblyName)
    {
        /// <summary>Detects the test framework from the referenced assemblies (not from names in source).</summary>
        public static ProjectInfo From(Compilation compilation)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (AssemblyIdentity identity in compilation.ReferencedAssemblyNames)
            {
                names.Add(identity.Name);
            }

            TestFramework framework =
                names.Contains("xunit.v3.core") ? TestFramework.XunitV3 :
                names.Contains("xunit.core") ? TestFramework.XunitV2 :
                names.Contains("nunit.framework") ? TestFramework.NUnit :
                names.Contains("Microsoft.VisualStudio.TestPlatform.TestFramework") || names.Contains("MSTest.TestFramework") ? TestFramework.MSTest :
                TestFramework.None;
            return new ProjectInfo(framework, compilation.AssemblyName ?? string.Empty);
        }
    }
}
