using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpecGuard.Core.Tests.Oracle;

/// <summary>
/// Random spec files near the schema's edges: the real keys with plausible, wrong-typed, empty, tagged and aliased
/// values, typos and unknown keys, missing keys, empty lists and mappings, repeated tags, bad column names.
/// Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class SpecText
{
    private static readonly string[] AnyScalar =
    [
        "ORDERS", "ORDERS-V2", "orders", "ORDERS-001", "ORDERS-1", "ORDERS-0001", "OTHER-002", "A customer orders", "''", "\"\"", "\"ORDERS\\n\"",
        "\"ORDERS-001\\n\"", "draft", "approved", "deprecated", "Draft", "must", "should", "could", "mustt", "api", "quantity",
        "1", "2", "0", "-1", "1.0", "2.5", "1e3", ".inf", "-.inf", ".nan", "0x1F", "0o17", "99999999999999999999", "1e400",
        "true", "false", "True", "~", "null", "'1'", "'true'", "\"2.5\"", "!!str 1", "!!int abc", "!!int 42", "!!float 1", "!!bool yes",
        "!!null x", "!!null ~", "!custom x", "!!str", "\"tab\\there\"",
    ];

    private static readonly string[] RootKeys = ["specguard", "feature", "title", "description", "owner", "status", "tags", "criteria"];

    private static readonly string[] CriterionKeys = ["id", "title", "given", "when", "then", "priority", "status", "replacedBy", "tags", "examples"];

    private static readonly string[] Typos = ["titel", "thne", "Feature", "criterion", "Id", "tag", "example", "priorty", "x", "then_"];

    private static readonly string[] Columns = ["quantity", "_x", "status", "a1", "1col", "a-b", "Qty", "\"sp ace\"", "''"];

    public static string Generate(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(40) == 0)
        {
            return random.Next(2) == 0 ? "- " + Scalar(random) + "\n" : Scalar(random) + "\n";
        }

        if (random.Next(5) == 0)
        {
            builder.Append("x-anchor: &t [an anchored sentence, another]\n".Replace("x-anchor", random.Next(2) == 0 ? "description" : "x-anchor", StringComparison.Ordinal));
        }

        foreach (string key in Keys(random, RootKeys, required: 4))
        {
            if (key == "criteria" && random.Next(6) != 0)
            {
                builder.Append("criteria:");
                int count = random.Next(8) == 0 ? 0 : random.Next(1, 4);
                if (count == 0)
                {
                    builder.Append(" []\n");
                    continue;
                }

                builder.Append('\n');
                for (int i = 0; i < count; i++)
                {
                    builder.Append("  - ").Append(random.Next(12) == 0 ? Value(random, "other", 1) : Criterion(random, i)).Append('\n');
                }

                continue;
            }

            string value = Value(random, key, 0);
            builder.Append(key).Append(':').Append(value.Length == 0 ? string.Empty : " " + value).Append('\n');
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Keys(Random random, string[] known, int required)
    {
        var keys = new List<string>();
        for (int i = 0; i < known.Length; i++)
        {
            bool isRequired = i < required;
            if (isRequired ? random.Next(14) != 0 : random.Next(3) == 0)
            {
                keys.Add(known[i]);
            }
        }

        if (random.Next(6) == 0)
        {
            keys.Add(Typos[random.Next(Typos.Length)]);
        }

        if (random.Next(4) == 0 && keys.Count > 1)
        {
            int a = random.Next(keys.Count);
            int b = random.Next(keys.Count);
            (keys[a], keys[b]) = (keys[b], keys[a]);
        }

        return keys.Distinct(StringComparer.Ordinal);
    }

    private static string Criterion(Random random, int index)
    {
        var pairs = new List<string>();
        foreach (string key in Keys(random, CriterionKeys, required: 3))
        {
            string value = key == "id" && random.Next(3) != 0 ? "ORDERS-00" + (random.Next(4) + index) : Value(random, key, 1);
            pairs.Add(key + ": " + (value.Length == 0 ? "~" : value));
        }

        if (random.Next(15) == 0)
        {
            pairs.Add("[complex]: key");
        }

        return "{" + string.Join(", ", pairs) + "}";
    }

    private static string Value(Random random, string key, int depth)
    {
        if (random.Next(6) == 0)
        {
            return Wild(random, depth);
        }

        switch (key)
        {
            case "specguard":
                return random.Next(3) == 0 ? Scalar(random) : "1";
            case "feature":
                return random.Next(3) == 0 ? Scalar(random) : "ORDERS";
            case "id":
            case "replacedBy":
                return random.Next(2) == 0 ? Scalar(random) : "ORDERS-001";
            case "status":
                return Pick(random, "draft", "approved", "deprecated", "Approved", "retired", "~");
            case "priority":
                return Pick(random, "must", "should", "could", "mst", "MUST", "1");
            case "tags":
                return List(random, () => Pick(random, "api", "api", "checkout", "''", "1", "'1'", "[api]", "{a: 1}", "~"), max: 4);
            case "given":
            case "when":
            case "then":
                return random.Next(10) == 0 ? "*t" : random.Next(3) == 0 ? List(random, () => Pick(random, "it holds", "''", "2", "[nested]", "~", "it holds"), max: 3) : Pick(random, "it holds", "''", "~", "the order is created");
            case "examples":
                return List(random, () => Row(random), max: 3);
            case "title":
            case "description":
            case "owner":
                return Pick(random, "Order placement", "''", "team-orders", "~", "42", "[a]", "");
            default:
                return Wild(random, depth);
        }
    }

    private static string Row(Random random)
    {
        if (random.Next(10) == 0)
        {
            return Pick(random, "{}", "[]", "x", "~");
        }

        int count = random.Next(1, 4);
        var cells = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string column = random.Next(4) == 0 ? Columns[random.Next(Columns.Length)] : "c" + i;
            string value = random.Next(8) == 0 ? Pick(random, "[1]", "{a: 1}", "[]") : Scalar(random);
            cells.Add(column + ": " + value);
        }

        return "{" + string.Join(", ", cells.Distinct(StringComparer.Ordinal)) + "}";
    }

    private static string Wild(Random random, int depth) => random.Next(depth > 2 ? 1 : 5) switch
    {
        0 => Scalar(random),
        1 => List(random, () => Wild(random, depth + 1), max: 3),
        2 => "{" + string.Join(", ", Enumerable.Range(0, random.Next(3)).Select(i => Pick(random, "a", "b", "title", "id") + i + ": " + Wild(random, depth + 1))) + "}",
        3 => "[]",
        _ => "{}",
    };

    private static string List(Random random, Func<string> item, int max)
    {
        int count = random.Next(7) == 0 ? 0 : random.Next(1, max + 1);
        return "[" + string.Join(", ", Enumerable.Range(0, count).Select(_ => item())) + "]";
    }

    private static string Scalar(Random random) => AnyScalar[random.Next(AnyScalar.Length)];

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
