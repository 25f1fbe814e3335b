namespace SpecGuard.Core.Model
{
    /// <summary>Lifecycle of a feature or criterion.</summary>
    public enum SpecStatus
    {
        /// <summary>Being written; not yet binding.</summary>
        Draft,

        /// <summary>Binding: code and tests are held to it.</summary>
        Approved,

        /// <summary>Kept for history; links to it are warned about.</summary>
        Deprecated,
    }

    /// <summary>How binding a criterion is (MoSCoW).</summary>
    public enum CriterionPriority
    {
        /// <summary>Must hold.</summary>
        Must,

        /// <summary>Should hold.</summary>
        Should,

        /// <summary>Could hold.</summary>
        Could,
    }

    /// <summary>The YAML type of an example cell, used to write it as a C# literal.</summary>
    public enum ExampleValueKind
    {
        /// <summary>Text.</summary>
        String,

        /// <summary>A whole number.</summary>
        Integer,

        /// <summary>A number with a fraction or exponent.</summary>
        Float,

        /// <summary>true or false.</summary>
        Boolean,

        /// <summary>null.</summary>
        Null,
    }

    /// <summary>One spec file: a feature and its acceptance criteria.</summary>
    /// <param name="Path">The spec file's path as given to the loader.</param>
    /// <param name="Key">The feature key, e.g. <c>ORDERS</c>.</param>
    /// <param name="Title">The feature's title.</param>
    /// <param name="Description">Optional description.</param>
    /// <param name="Owner">Optional owner.</param>
    /// <param name="Status">The feature's status (default approved).</param>
    /// <param name="Tags">The feature's tags.</param>
    /// <param name="Criteria">The criteria that have a well-formed ID, in file order.</param>
    /// <param name="KeySpan">Where the feature key's value is.</param>
    public sealed record SpecFeature(
        string Path,
        string Key,
        string Title,
        string? Description,
        string? Owner,
        SpecStatus Status,
        EquatableArray<string> Tags,
        EquatableArray<Criterion> Criteria,
        SourceSpan KeySpan);

    /// <summary>One acceptance criterion.</summary>
    /// <param name="Id">The criterion ID, e.g. <c>ORDERS-001</c>.</param>
    /// <param name="Title">One line saying what it guarantees.</param>
    /// <param name="Given">Preconditions (may be empty).</param>
    /// <param name="When">Actions (may be empty).</param>
    /// <param name="Then">Outcomes.</param>
    /// <param name="Priority">Priority (default must).</param>
    /// <param name="Status">Effective status: its own, else its feature's.</param>
    /// <param name="ReplacedBy">For a deprecated criterion, the ID that replaces it.</param>
    /// <param name="Tags">Tags.</param>
    /// <param name="Examples">Example rows for a parameterised test.</param>
    /// <param name="IdSpan">Where the ID's value is in the spec file.</param>
    public sealed record Criterion(
        string Id,
        string Title,
        EquatableArray<string> Given,
        EquatableArray<string> When,
        EquatableArray<string> Then,
        CriterionPriority Priority,
        SpecStatus Status,
        string? ReplacedBy,
        EquatableArray<string> Tags,
        EquatableArray<ExampleRow> Examples,
        SourceSpan IdSpan)
    {
        /// <summary>
        /// True when the criterion's examples have an invalid part (a column name that is not an identifier, a value
        /// that cannot be its type, a row that is not a mapping); SPEC002 says where. <see cref="Examples"/> is then
        /// empty and no pending test is generated for the criterion, so nothing is generated from invalid spec text.
        /// </summary>
        public bool HasInvalidExamples { get; init; }
    }

    /// <summary>One example row of a criterion.</summary>
    /// <param name="Cells">The cells, in the order written.</param>
    /// <param name="Span">Where the row is.</param>
    public sealed record ExampleRow(EquatableArray<ExampleCell> Cells, SourceSpan Span);

    /// <summary>One cell of an example row.</summary>
    /// <param name="Name">The column name: an identifier of ASCII letters, digits and underscores, not starting with a digit.</param>
    /// <param name="Value">
    /// The value, validated and in canonical form: for <see cref="ExampleValueKind.Integer"/> the invariant decimal digits
    /// of a 64-bit integer (<c>0x1F</c> → <c>31</c>), for <see cref="ExampleValueKind.Float"/> the round-trip ("R") text of
    /// a finite double or <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>, for <see cref="ExampleValueKind.Boolean"/>
    /// <c>true</c> or <c>false</c>, for a string the text; null for a YAML null.
    /// </param>
    /// <param name="Kind">The value's YAML type.</param>
    public sealed record ExampleCell(string Name, string? Value, ExampleValueKind Kind);
}
