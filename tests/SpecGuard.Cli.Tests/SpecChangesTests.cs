using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Diff;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The spec side of <c>specguard diff</c> (issue 14): <see cref="SpecChanges.Compare"/> on features loaded from YAML text
/// through <see cref="SpecLoader"/>, and the field diff (<see cref="FieldDiff"/>).
/// </summary>
public sealed class SpecChangesTests
{
    private const string OrdersPath = "specs/orders.spec.yaml";

    // ORDERS-001 is on line 5, ORDERS-002 on line 13 (1-based).
    private const string Orders = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: Place an order
            given: a signed-in customer
            when: the customer submits the order
            then:
              - an order is created
              - stock is reserved
            tags: [api, checkout]
          - id: ORDERS-002
            title: Cancel an order
            then: the order is cancelled
            examples:
              - { quantity: 1, status: Pending }
              - { quantity: 0, status: Rejected }

        """;

    private const string PaymentsPath = "specs/payments.spec.yaml";

    private const string Payments = """
        specguard: 1
        feature: PAYMENTS
        title: Payments
        criteria:
          - id: PAYMENTS-001
            title: Refunds
            then: the amount is refunded

        """;

    private const string ExtraOrder = """
          - id: ORDERS-003
            title: Track an order
            then: the customer sees the order's status

        """;

    [Fact]
    public void Identical_sides_give_no_change()
    {
        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders), (PaymentsPath, Payments)), Load((OrdersPath, Orders), (PaymentsPath, Payments)), null);

        Assert.Empty(changes);
    }

    [Fact]
    public void Formatting_only_edits_give_no_change()
    {
        // Comments, quoting, key order, flow vs block style, a string vs a list of one, blank lines (so every ID is on
        // another line), tag order, key order inside an example row, integers written in hex.
        const string reformatted = """
            # The orders feature.
            specguard: 1
            title: "Orders"
            feature: ORDERS

            criteria:

              - title: 'Place an order'
                id: ORDERS-001
                tags:
                  - checkout
                  - api
                then: [an order is created, "stock is reserved"]
                when:
                  - the customer submits the order
                given: >-
                  a signed-in
                  customer

              # cancel
              - id: "ORDERS-002"
                then:
                  - the order is cancelled
                title: Cancel an order
                examples:
                  - status: Pending
                    quantity: 0x1
                  - { status: "Rejected", quantity: 0 }
            """;

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, reformatted)), null);

        Assert.Empty(changes);
    }

    [Fact]
    public void A_new_ID_is_added_with_its_head_location()
    {
        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, Orders + ExtraOrder)), null);

        CriterionChange added = Assert.Single(changes);
        Assert.Equal(CriterionChangeKind.Added, added.Kind);
        Assert.Equal("ORDERS-003", added.Id);
        Assert.Equal("ORDERS", added.FeatureKey);
        Assert.Null(added.Before);
        Assert.Null(added.BeforeAt);
        Assert.Equal("Track an order", added.After!.Title);
        Assert.Equal(new SpecLocation(OrdersPath, 19), added.AfterAt);
        Assert.Empty(added.Fields);
        Assert.False(added.Normative);
        Assert.Null(added.PreviousId);
    }

    [Fact]
    public void Locations_are_one_based_lines_of_the_ID()
    {
        string head = Orders.Replace("title: Place an order", "title: Place orders", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(new SpecLocation(OrdersPath, 5), changed.BeforeAt);
        Assert.Equal(new SpecLocation(OrdersPath, 5), changed.AfterAt);
    }

    [Fact]
    public void An_ID_the_head_lacks_is_removed_under_the_base_feature()
    {
        string head = Orders[..Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal)];

        CriterionChange removed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Removed, removed.Kind);
        Assert.Equal("ORDERS-002", removed.Id);
        Assert.Equal("ORDERS", removed.FeatureKey);
        Assert.Equal("Cancel an order", removed.Before!.Title);
        Assert.Null(removed.After);
        Assert.Equal(new SpecLocation(OrdersPath, 13), removed.BeforeAt);
        Assert.Null(removed.AfterAt);
        Assert.Empty(removed.Fields);
    }

    [Fact]
    public void A_title_edit_is_a_normative_change_with_old_and_new_lines()
    {
        string head = Orders.Replace("title: Cancel an order", "title: Cancel any order", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.Equal("ORDERS-002", changed.Id);
        Assert.True(changed.Normative);
        Assert.False(changed.AlsoMoved);
        FieldChange title = Assert.Single(changed.Fields);
        Assert.Equal("title", title.Field);
        Assert.Equal(new[] { "-Cancel an order", "+Cancel any order" }, Render(title));
    }

    [Fact]
    public void A_priority_edit_is_a_change_that_is_not_normative()
    {
        string head = Orders.Replace("    title: Cancel an order\n", "    title: Cancel an order\n    priority: should\n", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.False(changed.Normative);
        FieldChange priority = Assert.Single(changed.Fields);
        Assert.Equal("priority", priority.Field);
        Assert.Equal(new[] { "-must", "+should" }, Render(priority));
    }

    [Fact]
    public void A_list_field_is_diffed_item_by_item()
    {
        string head = Orders.Replace(
            "      - an order is created\n      - stock is reserved\n",
            "      - an order is created with status Pending\n      - stock is reserved\n      - a confirmation is sent\n",
            StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        FieldChange then = Assert.Single(changed.Fields);
        Assert.Equal("then", then.Field);
        Assert.Equal(
            new[] { "-an order is created", "+an order is created with status Pending", " stock is reserved", "+a confirmation is sent" },
            Render(then));
        Assert.True(changed.Normative);
    }

    [Fact]
    public void Example_rows_are_diffed_one_line_per_row_in_column_order()
    {
        string head = Orders.Replace(
            "      - { quantity: 0, status: Rejected }\n",
            "      - { quantity: 0, status: Refused }\n      - { quantity: -1, status: Rejected }\n",
            StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.True(changed.Normative);
        FieldChange examples = Assert.Single(changed.Fields);
        Assert.Equal("examples", examples.Field);
        Assert.Equal(
            new[]
            {
                " | quantity=1 | status=\"Pending\" |",
                "-| quantity=0 | status=\"Rejected\" |",
                "+| quantity=0 | status=\"Refused\" |",
                "+| quantity=-1 | status=\"Rejected\" |",
            },
            Render(examples));
    }

    [Fact]
    public void A_row_whose_keys_are_only_reordered_is_kept_and_shown_as_the_head_writes_it()
    {
        string head = Orders.Replace(
            "      - { quantity: 1, status: Pending }\n      - { quantity: 0, status: Rejected }\n",
            "      - { status: Pending, quantity: 1 }\n      - { quantity: 2, status: Rejected }\n",
            StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(
            new[] { " | status=\"Pending\" | quantity=1 |", "-| quantity=0 | status=\"Rejected\" |", "+| quantity=2 | status=\"Rejected\" |" },
            Render(Assert.Single(changed.Fields)));
    }

    [Fact]
    public void Example_values_are_rendered_by_type_with_text_escaped()
    {
        const string spec = """
            specguard: 1
            feature: CELLS
            title: Cells
            criteria:
              - id: CELLS-001
                title: Cells
                then: they render
                examples:
                  - { text: "say \"hi\"\n\tnow\\", count: 0x1F, ratio: 2.50, on: TRUE, none: ~, plain: "42" }
            """;

        SpecFeature feature = Load(("specs/cells.spec.yaml", spec))[0];

        Assert.Equal(
            "| text=\"say \\\"hi\\\"\\n\\tnow\\\\\" | count=31 | ratio=2.5 | on=true | none=null | plain=\"42\" |",
            FieldDiff.Render(feature.Criteria[0].Examples[0]));
    }

    [Fact]
    public void Examples_that_become_invalid_are_a_normative_change_shown_as_one_line()
    {
        string head = Orders.Replace("{ quantity: 0, status: Rejected }", "{ quantity: 0, 9bad: Rejected }", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.True(changed.After!.HasInvalidExamples);
        Assert.True(changed.Normative);
        FieldChange examples = Assert.Single(changed.Fields);
        Assert.Equal(
            new[] { "-| quantity=1 | status=\"Pending\" |", "-| quantity=0 | status=\"Rejected\" |", "+" + FieldDiff.InvalidExamplesLine },
            Render(examples));
    }

    [Fact]
    public void Tags_are_compared_as_a_set_and_shown_as_the_sorted_difference()
    {
        string head = Orders.Replace("tags: [api, checkout]", "tags: [web, checkout, beta]", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.False(changed.Normative);
        FieldChange tags = Assert.Single(changed.Fields);
        Assert.Equal("tags", tags.Field);
        Assert.Equal(new[] { "-api", "+beta", "+web" }, Render(tags));
    }

    [Fact]
    public void Deprecation_with_a_replacement_is_deprecated_with_its_fields()
    {
        string head = Orders.Replace(
            "    title: Cancel an order\n",
            "    title: Cancel an order\n    status: deprecated\n    replacedBy: ORDERS-001\n",
            StringComparison.Ordinal);

        CriterionChange deprecated = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Deprecated, deprecated.Kind);
        Assert.Equal("ORDERS-002", deprecated.Id);
        Assert.False(deprecated.Normative);
        Assert.Equal(new[] { "status", "replacedBy" }, deprecated.Fields.Select(static f => f.Field));
        Assert.Equal(new[] { "-approved", "+deprecated" }, Render(deprecated.Fields[0]));
        Assert.Equal(new[] { "+ORDERS-001" }, Render(deprecated.Fields[1]));
    }

    [Fact]
    public void Deprecating_the_feature_deprecates_every_criterion_that_inherits_its_status()
    {
        string head = Orders.Replace("title: Orders\n", "title: Orders\nstatus: deprecated\n", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null);

        Assert.Equal(new[] { "Deprecated ORDERS-001", "Deprecated ORDERS-002" }, changes.Select(static c => $"{c.Kind} {c.Id}"));
    }

    [Fact]
    public void A_deprecated_criterion_whose_replacement_changes_is_changed_not_deprecated_again()
    {
        string before = Orders.Replace("    title: Cancel an order\n", "    title: Cancel an order\n    status: deprecated\n    replacedBy: ORDERS-001\n", StringComparison.Ordinal);
        string after = before.Replace("replacedBy: ORDERS-001", "replacedBy: ORDERS-003", StringComparison.Ordinal) + ExtraOrder;

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, before)), Load((OrdersPath, after)), null);

        CriterionChange changed = Assert.Single(changes, static c => c.Id == "ORDERS-002");
        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        FieldChange replacedBy = Assert.Single(changed.Fields);
        Assert.Equal("replacedBy", replacedBy.Field);
        Assert.Equal(new[] { "-ORDERS-001", "+ORDERS-003" }, Render(replacedBy));
    }

    [Fact]
    public void Deprecation_with_a_text_edit_is_deprecated_and_normative()
    {
        string head = Orders.Replace("    title: Cancel an order\n", "    title: Cancel an order (legacy)\n    status: deprecated\n", StringComparison.Ordinal);

        CriterionChange deprecated = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Deprecated, deprecated.Kind);
        Assert.True(deprecated.Normative);
        Assert.Equal(new[] { "title", "status" }, deprecated.Fields.Select(static f => f.Field));
    }

    [Fact]
    public void Undeprecating_is_a_change()
    {
        string before = Orders.Replace("    title: Cancel an order\n", "    title: Cancel an order\n    status: deprecated\n", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, before)), Load((OrdersPath, Orders)), null));

        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.Equal(new[] { "-deprecated", "+approved" }, Render(Assert.Single(changed.Fields)));
    }

    [Fact]
    public void A_new_ID_with_the_same_text_is_a_rename()
    {
        string head = Orders.Replace("id: ORDERS-002", "id: ORDERS-020", StringComparison.Ordinal);

        CriterionChange renamed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Renamed, renamed.Kind);
        Assert.Equal("ORDERS-020", renamed.Id);
        Assert.Equal("ORDERS-002", renamed.PreviousId);
        Assert.Equal(new SpecLocation(OrdersPath, 13), renamed.BeforeAt);
        Assert.Equal(new SpecLocation(OrdersPath, 13), renamed.AfterAt);
        Assert.Empty(renamed.Fields);
        Assert.False(renamed.Normative);
        Assert.False(renamed.AlsoMoved);
    }

    [Fact]
    public void A_rename_lists_the_fields_outside_the_fingerprint_that_changed()
    {
        string head = Orders.Replace("id: ORDERS-002\n    title: Cancel an order\n", "id: ORDERS-020\n    title: Cancel an order\n    priority: could\n", StringComparison.Ordinal);

        CriterionChange renamed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null));

        Assert.Equal(CriterionChangeKind.Renamed, renamed.Kind);
        Assert.False(renamed.Normative);
        Assert.Equal(new[] { "-must", "+could" }, Render(Assert.Single(renamed.Fields, static f => f.Field == "priority")));
    }

    [Fact]
    public void A_criterion_whose_ID_and_text_both_changed_is_removed_and_added()
    {
        string head = Orders.Replace("id: ORDERS-002\n    title: Cancel an order\n", "id: ORDERS-020\n    title: Cancel any order\n", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head)), null);

        Assert.Equal(new[] { "Removed ORDERS-002", "Added ORDERS-020" }, changes.Select(static c => $"{c.Kind} {c.Id}"));
    }

    [Fact]
    public void Ambiguous_renames_within_one_feature_pair_in_ID_order()
    {
        string before = Spec("TODO", Todo("TODO-001"), Todo("TODO-002"), Todo("TODO-003"));
        string after = Spec("TODO", Todo("TODO-003"), Todo("TODO-011"), Todo("TODO-010"));

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load(("specs/todo.spec.yaml", before)), Load(("specs/todo.spec.yaml", after)), null);

        Assert.Equal(new[] { "Renamed TODO-001 -> TODO-010", "Renamed TODO-002 -> TODO-011" }, changes.Select(static c => $"{c.Kind} {c.PreviousId} -> {c.Id}"));
    }

    [Fact]
    public void Renames_that_stay_ambiguous_across_features_are_removed_and_added()
    {
        // Two base IDs of one text in two features and one new ID of that text in a third: no pairing is better than another.
        IReadOnlyList<SpecFeature> before = Load(("specs/a.spec.yaml", Spec("A", Todo("A-001"))), ("specs/b.spec.yaml", Spec("B", Todo("B-001"))), ("specs/c.spec.yaml", Spec("C", Real("C-001"))));
        IReadOnlyList<SpecFeature> after = Load(("specs/c.spec.yaml", Spec("C", Real("C-001"), Todo("C-002"))));

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(before, after, null);

        Assert.Equal(new[] { "A Removed A-001", "B Removed B-001", "C Added C-002" }, changes.Select(static c => $"{c.FeatureKey} {c.Kind} {c.Id}"));
    }

    [Fact]
    public void After_pairing_within_features_one_left_on_each_side_pairs_across_features()
    {
        IReadOnlyList<SpecFeature> before = Load(("specs/a.spec.yaml", Spec("A", Todo("A-001"), Todo("A-002"))));
        IReadOnlyList<SpecFeature> after = Load(("specs/a.spec.yaml", Spec("A", Todo("A-003"))), ("specs/b.spec.yaml", Spec("B", Todo("B-001"))));

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(before, after, null);

        Assert.Equal(new[] { "A Renamed A-001 -> A-003", "B Renamed A-002 -> B-001" }, changes.Select(static c => $"{c.FeatureKey} {c.Kind} {c.PreviousId} -> {c.Id}"));
        Assert.True(changes[1].AlsoMoved);
        Assert.False(changes[0].AlsoMoved);
    }

    [Fact]
    public void A_renamed_feature_and_file_gives_renames_that_also_moved()
    {
        string sales = Orders.Replace("ORDERS", "SALES", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load(("specs/sales.spec.yaml", sales)), null);

        Assert.Equal(new[] { "SALES Renamed ORDERS-001 -> SALES-001", "SALES Renamed ORDERS-002 -> SALES-002" }, changes.Select(static c => $"{c.FeatureKey} {c.Kind} {c.PreviousId} -> {c.Id}"));
        Assert.All(changes, static c => Assert.True(c.AlsoMoved));
        Assert.Equal(new SpecLocation("specs/sales.spec.yaml", 13), changes[1].AfterAt);
        Assert.Equal(new SpecLocation(OrdersPath, 13), changes[1].BeforeAt);
    }

    [Fact]
    public void A_criterion_moved_to_another_file_of_its_feature_is_moved()
    {
        const string morePath = "specs/orders-more.spec.yaml";
        string head = Orders[..Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal)];
        string more = "specguard: 1\nfeature: ORDERS\ntitle: More orders\ncriteria:\n" + Orders[Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal)..];

        CriterionChange moved = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head), (morePath, more)), null));

        Assert.Equal(CriterionChangeKind.Moved, moved.Kind);
        Assert.Equal("ORDERS-002", moved.Id);
        Assert.Equal(new SpecLocation(OrdersPath, 13), moved.BeforeAt);
        Assert.Equal(new SpecLocation(morePath, 5), moved.AfterAt);
        Assert.Empty(moved.Fields);
        Assert.False(moved.Normative);
    }

    [Fact]
    public void A_criterion_moved_and_edited_is_changed_and_also_moved()
    {
        const string morePath = "specs/orders-more.spec.yaml";
        string head = Orders[..Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal)];
        string more = "specguard: 1\nfeature: ORDERS\ntitle: More orders\ncriteria:\n"
            + Orders[Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal)..].Replace("the order is cancelled", "the order is cancelled and refunded", StringComparison.Ordinal);

        CriterionChange changed = Assert.Single(SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, head), (morePath, more)), null));

        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.True(changed.AlsoMoved);
        Assert.True(changed.Normative);
        Assert.Equal(new[] { "-the order is cancelled", "+the order is cancelled and refunded" }, Render(Assert.Single(changed.Fields)));
        Assert.Equal(morePath, changed.AfterAt!.Path);
    }

    [Fact]
    public void A_deleted_spec_file_removes_each_of_its_criteria()
    {
        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders), (PaymentsPath, Payments)), Load((PaymentsPath, Payments)), null);

        Assert.Equal(new[] { "Removed ORDERS-001", "Removed ORDERS-002" }, changes.Select(static c => $"{c.Kind} {c.Id}"));
        Assert.All(changes, static c => Assert.Equal(OrdersPath, c.BeforeAt!.Path));
    }

    [Fact]
    public void A_feature_split_over_two_files_is_one_set_of_IDs()
    {
        // ORDERS is declared by two files on both sides (SPEC005): an edit in the second file is reported once, at that
        // file, and the criteria the first file keeps are unchanged.
        const string secondPath = "specs/z-orders.spec.yaml";
        string second = Spec("ORDERS", Real("ORDERS-005"));
        string secondEdited = second.Replace("it happens", "it happens twice", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(
            Load((OrdersPath, Orders), (secondPath, second)),
            Load((secondPath, secondEdited), (OrdersPath, Orders)),
            null);

        CriterionChange changed = Assert.Single(changes);
        Assert.Equal("ORDERS-005", changed.Id);
        Assert.Equal(CriterionChangeKind.Changed, changed.Kind);
        Assert.Equal(new SpecLocation(secondPath, 5), changed.AfterAt);
    }

    [Fact]
    public void An_ID_added_here_and_differently_on_the_base_tip_collides()
    {
        string ours = Orders + ExtraOrder;
        string theirs = Orders + ExtraOrder.Replace("title: Track an order", "title: Refund an order", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, ours)), Load((OrdersPath, theirs)));

        Assert.Equal(new[] { CriterionChangeKind.Added, CriterionChangeKind.Collision }, changes.Select(static c => c.Kind));
        CriterionChange collision = changes[1];
        Assert.Equal("ORDERS-003", collision.Id);
        Assert.Equal(new SpecLocation(OrdersPath, 19), collision.CollidesWith);
        Assert.Equal(new SpecLocation(OrdersPath, 19), collision.AfterAt);
        Assert.Equal("Refund an order", collision.Before!.Title);
        Assert.Equal("Track an order", collision.After!.Title);
        Assert.True(collision.Normative);
        Assert.Equal(new[] { "-Refund an order", "+Track an order" }, Render(Assert.Single(collision.Fields)));
    }

    [Fact]
    public void An_ID_added_identically_on_both_branches_does_not_collide()
    {
        string ours = Orders + ExtraOrder;

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, ours)), Load((OrdersPath, ours)));

        Assert.Equal(CriterionChangeKind.Added, Assert.Single(changes).Kind);
    }

    [Fact]
    public void The_same_text_under_the_same_ID_in_another_file_on_the_base_tip_collides()
    {
        const string otherPath = "specs/orders-tracking.spec.yaml";
        string theirs = "specguard: 1\nfeature: ORDERS\ntitle: Tracking\ncriteria:\n" + ExtraOrder;

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(
            Load((OrdersPath, Orders)),
            Load((OrdersPath, Orders + ExtraOrder)),
            Load((OrdersPath, Orders), (otherPath, theirs)));

        CriterionChange collision = Assert.Single(changes, static c => c.Kind == CriterionChangeKind.Collision);
        Assert.Equal(new SpecLocation(otherPath, 5), collision.CollidesWith);
        Assert.Equal(collision.CollidesWith, collision.BeforeAt);
        Assert.False(collision.Normative);
        Assert.Empty(collision.Fields);
    }

    [Fact]
    public void An_ID_renamed_to_collides_with_the_base_tip_too()
    {
        string ours = Orders.Replace("id: ORDERS-002", "id: ORDERS-003", StringComparison.Ordinal);

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, ours)), Load((OrdersPath, Orders + ExtraOrder)));

        Assert.Equal(new[] { "Renamed ORDERS-003", "Collision ORDERS-003" }, changes.Select(static c => $"{c.Kind} {c.Id}"));
        Assert.Equal(new SpecLocation(OrdersPath, 19), changes[1].CollidesWith);
    }

    [Fact]
    public void Only_additions_are_checked_against_the_base_tip()
    {
        // The tip edits ORDERS-002 another way and adds ORDERS-003; this change edits ORDERS-002 and adds nothing new:
        // no collision (that is a merge conflict for git, not two criteria with one ID). Without a tip, none either.
        string ours = Orders.Replace("title: Cancel an order", "title: Cancel any order", StringComparison.Ordinal);
        string theirs = Orders.Replace("title: Cancel an order", "title: Cancel all orders", StringComparison.Ordinal) + ExtraOrder;

        ImmutableArray<CriterionChange> withTip = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, ours)), Load((OrdersPath, theirs)));
        ImmutableArray<CriterionChange> withoutTip = SpecChanges.Compare(Load((OrdersPath, Orders)), Load((OrdersPath, Orders + ExtraOrder)), null);

        Assert.Equal(CriterionChangeKind.Changed, Assert.Single(withTip).Kind);
        Assert.Equal(CriterionChangeKind.Added, Assert.Single(withoutTip).Kind);
    }

    [Fact]
    public void Changes_are_ordered_by_feature_key_then_ID_then_kind()
    {
        IReadOnlyList<SpecFeature> before = Load(
            ("specs/z.spec.yaml", Spec("ALPHA", Real("ALPHA-002"), Real("ALPHA-001"))),
            ("specs/a.spec.yaml", Spec("BETA", Real("BETA-001"))));
        IReadOnlyList<SpecFeature> after = Load(
            ("specs/a.spec.yaml", Spec("BETA", Real("BETA-001", "it happens again"), Real("BETA-002", "something else"))),
            ("specs/z.spec.yaml", Spec("ALPHA", Real("ALPHA-003", "new"), Real("ALPHA-001", "changed"))));
        IReadOnlyList<SpecFeature> tip = Load(
            ("specs/a.spec.yaml", Spec("BETA", Real("BETA-001"), Real("BETA-002", "theirs"))),
            ("specs/z.spec.yaml", Spec("ALPHA", Real("ALPHA-002"), Real("ALPHA-001"))));

        ImmutableArray<CriterionChange> changes = SpecChanges.Compare(before, after, tip);

        Assert.Equal(
            new[] { "ALPHA-001 Changed", "ALPHA-002 Removed", "ALPHA-003 Added", "BETA-001 Changed", "BETA-002 Added", "BETA-002 Collision" },
            changes.Select(static c => $"{c.Id} {c.Kind}"));
    }

    [Fact]
    public void The_result_is_the_same_whatever_order_the_features_come_in()
    {
        IReadOnlyList<SpecFeature> before = Load(
            (OrdersPath, Orders),
            (PaymentsPath, Payments),
            ("specs/todo.spec.yaml", Spec("TODO", Todo("TODO-001"), Todo("TODO-002"), Real("TODO-003"))),
            ("specs/z-orders.spec.yaml", Spec("ORDERS", Real("ORDERS-009"))));
        IReadOnlyList<SpecFeature> after = Load(
            (OrdersPath, Orders.Replace("title: Cancel an order", "title: Cancel any order", StringComparison.Ordinal) + ExtraOrder),
            ("specs/todo.spec.yaml", Spec("TODO", Todo("TODO-010"), Todo("TODO-011"), Real("TODO-004"))),
            ("specs/orders-more.spec.yaml", Spec("ORDERS", Real("ORDERS-009"))),
            ("specs/refunds.spec.yaml", Payments.Replace("PAYMENTS", "REFUNDS", StringComparison.Ordinal)));
        IReadOnlyList<SpecFeature> tip = Load(
            (OrdersPath, Orders + ExtraOrder.Replace("Track", "Follow", StringComparison.Ordinal)),
            (PaymentsPath, Payments),
            ("specs/todo.spec.yaml", Spec("TODO", Todo("TODO-001"), Todo("TODO-002"), Real("TODO-003"), Real("TODO-010"))));

        string expected = Describe(SpecChanges.Compare(before, after, tip));
        var random = new Random(14);
        for (int i = 0; i < 50; i++)
        {
            string actual = Describe(SpecChanges.Compare(Shuffle(before, random), Shuffle(after, random), Shuffle(tip, random)));
            Assert.Equal(expected, actual);
        }

        // And the run itself found every kind it was built to show.
        Assert.Equal(
            new[] { "Added", "Changed", "Collision", "Moved", "Removed", "Renamed" },
            SpecChanges.Compare(before, after, tip).Select(static c => c.Kind.ToString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_ID_declared_twice_on_one_side_counts_at_its_first_file_by_path()
    {
        // SPEC003 on the head: ORDERS-002 also in a later file (by path) with other text. The first declaration counts,
        // whatever order the files come in, so nothing changed.
        const string laterPath = "specs/zz.spec.yaml";
        string later = Spec("ORDERS", Real("ORDERS-002", "something else"));
        IReadOnlyList<SpecFeature> after = Load((laterPath, later), (OrdersPath, Orders));

        Assert.Empty(SpecChanges.Compare(Load((OrdersPath, Orders)), after, null));
        Assert.Empty(SpecChanges.Compare(Load((OrdersPath, Orders)), after.Reverse().ToArray(), null));
    }

    [Fact]
    public void The_line_diff_keeps_common_items_and_puts_removals_before_additions()
    {
        ImmutableArray<DiffLine> lines = FieldDiff.Lines(new[] { "a", "b", "c", "d" }, new[] { "a", "x", "c", "y", "d", "e" });

        Assert.Equal(new[] { " a", "-b", "+x", " c", "+y", " d", "+e" }, lines.Select(static l => $"{l.Op}{l.Text}"));
    }

    [Fact]
    public void The_line_diff_of_huge_lists_falls_back_to_all_removed_then_all_added()
    {
        string[] middle = Enumerable.Range(0, 2500).Select(static i => "b" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] before = middle.Prepend("head").Append("tail").ToArray();
        string[] after = middle.Reverse().Prepend("head").Append("tail").ToArray();

        ImmutableArray<DiffLine> lines = FieldDiff.Lines(before, after);

        // The common first and last items are kept; the 2,500-item middle (over the cap) is not matched line by line,
        // though a longest common subsequence would keep one of its items.
        Assert.Equal(2 + 2500 + 2500, lines.Length);
        Assert.Equal(2, lines.Count(static l => l.Op == ' '));
        Assert.Equal(new DiffLine(' ', "head"), lines[0]);
        Assert.Equal(new DiffLine(' ', "tail"), lines[^1]);
        Assert.All(lines.Skip(1).Take(2500), static l => Assert.Equal('-', l.Op));
        Assert.All(lines.Skip(2501).Take(2500), static l => Assert.Equal('+', l.Op));
        Assert.Equal("b0", lines[1].Text);
        Assert.Equal("b2499", lines[2501].Text);
    }

    [Fact]
    public void The_line_diff_at_the_cap_is_still_matched_line_by_line()
    {
        // 2,000 items on each side, none in common at either end: the whole list is the middle, at the cap.
        int n = FieldDiff.MaxLcsItems;
        string[] before = Enumerable.Range(0, n).Select(static i => "b" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] after = Enumerable.Range(0, n).Select(i => (i % 2 == 0 || i == n - 1 ? "a" : "b") + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        ImmutableArray<DiffLine> lines = FieldDiff.Lines(before, after);

        Assert.Equal((n / 2) - 1, lines.Count(static l => l.Op == ' '));
        Assert.Equal(new[] { "-b0", "+a0", " b1", "-b2", "+a2", " b3" }, lines.Take(6).Select(static l => $"{l.Op}{l.Text}"));
    }

    private static IReadOnlyList<SpecFeature> Load(params (string Path, string Text)[] files) =>
        files.Select(static f => SpecLoader.Load(f.Path, f.Text).Feature ?? throw new InvalidOperationException("No feature in " + f.Path)).ToArray();

    private static string Spec(string key, params string[] criteria) =>
        $"specguard: 1\nfeature: {key}\ntitle: {key} feature\ncriteria:\n" + string.Concat(criteria);

    private static string Todo(string id) => $"  - id: {id}\n    title: To do\n    then: to be written\n";

    private static string Real(string id, string outcome = "it happens") => $"  - id: {id}\n    title: Criterion {id}\n    then: {outcome}\n";

    private static string[] Render(FieldChange field) => field.Lines.Select(static l => $"{l.Op}{l.Text}").ToArray();

    private static SpecFeature[] Shuffle(IReadOnlyList<SpecFeature> features, Random random)
    {
        SpecFeature[] copy = features.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static string Describe(ImmutableArray<CriterionChange> changes)
    {
        var text = new StringBuilder();
        foreach (CriterionChange c in changes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Kind} {c.FeatureKey} {c.Id} {c.PreviousId} {c.BeforeAt} {c.AfterAt} {c.CollidesWith} {c.Normative} {c.AlsoMoved} {c.Before?.Title} {c.After?.Title}\n");
            foreach (FieldChange f in c.Fields)
            {
                text.Append("  ").Append(f.Field).Append(": ").AppendJoin(" | ", f.Lines.Select(static l => $"{l.Op}{l.Text}")).Append('\n');
            }
        }

        return text.ToString();
    }
}
