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

/// <summary>A fact that needs headless Chromium at /usr/bin/chromium; reported as skipped, with the reason, where it is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = "Chromium is not installed at " + Path + " (Debian: apt-get install chromium); the HTML report was not rendered.";
        }
    }
}
