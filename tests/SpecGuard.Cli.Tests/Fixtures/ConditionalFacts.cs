using System;
using System.IO;
using Xunit;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>A fact that needs Linux (it relies on /proc); reported as skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux (/proc).";
        }
    }
}

/// <summary>
/// A fact that needs headless Chromium at /usr/bin/chromium. Where it is missing the test is skipped with the reason —
/// except in CI (<c>CI=true</c>, or <c>SPECGUARD_REQUIRE_CHROMIUM=1</c>, which .ci/run sets after installing it): there
/// the test runs and fails on <see cref="RequireChromium"/>, because a test CI needs must never skip silently.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path) && !Required)
        {
            Skip = "Chromium is not installed at " + Path + " (Debian: apt-get install chromium); the HTML report was not rendered.";
        }
    }

    /// <summary>True in CI: a missing Chromium is a failure, not a skip.</summary>
    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("SPECGUARD_REQUIRE_CHROMIUM") == "1";

    /// <summary>Fails the test, with what to do, when Chromium is missing (reached only where it is required).</summary>
    public static void RequireChromium() =>
        Assert.True(File.Exists(Path), "Chromium is required here (CI=true or SPECGUARD_REQUIRE_CHROMIUM=1) but is not installed at " + Path + ": .ci/run installs it with apt-get install chromium; the HTML report's script and rendering were not tested.");
}
