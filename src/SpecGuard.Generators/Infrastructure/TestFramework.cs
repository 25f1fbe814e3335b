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
        /// <summary>
        /// Detects the test framework from the referenced assemblies (not from names in source). A reference's file name
        /// is its assembly's name for every package and framework reference the SDK passes, so the file names of the
        /// compilation's external references decide. <c>Compilation.References</c> and <c>ReferencedAssemblyNames</c>
        /// would make the compilation bind its references (about 0.28 s in a fresh compiler process, docs/performance.md:
        /// work the compiler does anyway, later, but charged to whichever generator asks first); only a reference without
        /// a file (an in-memory image, as some tests and hosts create) falls back to the bound identities.
        /// </summary>
        public static ProjectInfo From(Compilation compilation)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            bool unnamed = false;
            foreach (MetadataReference reference in compilation.ExternalReferences)
            {
                if (reference is PortableExecutableReference { FilePath: { Length: > 0 } path } && reference.Properties.Kind == MetadataImageKind.Assembly)
                {
                    names.Add(FileNameWithoutDll(path));
                }
                else if (reference is not CompilationReference)
                {
                    unnamed = true;
                }
            }

            if (unnamed)
            {
                foreach (AssemblyIdentity identity in compilation.ReferencedAssemblyNames)
                {
                    names.Add(identity.Name);
                }
            }

            TestFramework framework =
                names.Contains("xunit.v3.core") ? TestFramework.XunitV3 :
                names.Contains("xunit.core") ? TestFramework.XunitV2 :
                names.Contains("nunit.framework") ? TestFramework.NUnit :
                names.Contains("Microsoft.VisualStudio.TestPlatform.TestFramework") || names.Contains("MSTest.TestFramework") ? TestFramework.MSTest :
                TestFramework.None;
            return new ProjectInfo(framework, compilation.AssemblyName ?? string.Empty);
        }

        private static string FileNameWithoutDll(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            string name = path.Substring(slash + 1);
            return name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
                ? name.Substring(0, name.Length - 4)
                : name;
        }
    }
}
