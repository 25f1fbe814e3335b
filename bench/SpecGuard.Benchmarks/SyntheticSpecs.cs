using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SpecGuard.Core;

namespace SpecGuard.Benchmarks;

/// <summary>Deterministic synthetic spec files of realistic shape (given/when/then, tags, some example rows).</summary>
public static class SyntheticSpecs
{
    public static string Feature(string key, int firstId, int criteria)
    {
        var text = new StringBuilder();
        text.Append("# yaml-language-server: $schema=../specs-schema/specguard.schema.json\n")
            .Append("specguard: 1\nfeature: ").Append(key).Append("\ntitle: Synthetic feature ").Append(key)
            .Append("\nowner: team-").Append(key.ToLowerInvariant()).Append("\nstatus: approved\ntags: [synthetic, bench]\ncriteria:\n");
        for (int i = firstId; i < firstId + criteria; i++)
        {
            string id = key + "-" + i.ToString("000", CultureInfo.InvariantCulture);
            text.Append("  - id: ").Append(id).Append('\n')
                .Append("    title: Criterion ").Append(id).Append(" holds for a signed-in customer\n")
                .Append("    given: a signed-in customer with ").Append(i % 7).Append(" items in the cart\n")
                .Append("    when: the customer submits the order number ").Append(i).Append('\n')
                .Append("    then:\n      - an order is created with status Pending\n      - stock is reserved for every line\n")
                .Append("    priority: ").Append((i % 3) switch { 0 => "must", 1 => "should", _ => "could" }).Append('\n')
                .Append("    tags: [api, checkout]\n");
            if (i % 4 == 0)
            {
                text.Append("    examples:\n      - { quantity: 1, status: Pending }\n      - { quantity: 0, status: Rejected }\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>1,000 criteria across 50 files (20 each).</summary>
    public static List<SpecSource> FiftyFiles()
    {
        var sources = new List<SpecSource>();
        for (int f = 0; f < 50; f++)
        {
            string key = "FEATURE" + f.ToString("00", CultureInfo.InvariantCulture);
            sources.Add(new SpecSource("specs/" + key.ToLowerInvariant() + ".spec.yaml", Feature(key, 1, 20)));
        }

        return sources;
    }

    /// <summary>One file of at least <paramref name="characters"/> characters.</summary>
    public static string LargeFile(int characters)
    {
        int criteria = 100;
        string text = Feature("BIG", 1, criteria);
        while (text.Length < characters)
        {
            criteria = (int)(criteria * (characters / (double)text.Length)) + 1;
            text = Feature("BIG", 1, criteria);
        }

        return text;
    }
}
