using System.Text.Json.Serialization;

namespace MentorBot.Cards;

/// <summary>An element of a card body. The type discriminator is written first, as the schema expects.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(Table), "Table")]
public abstract record CardElement
{
    public string? Id { get; init; }

    public string? Spacing { get; init; }

    public bool? Separator { get; init; }

    public bool? IsVisible { get; init; }
}

public sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public string? Style { get; init; }

    public static TextBlock Heading(string text) => new(text) { Size = "Large", Weight = "Bolder", Style = "heading" };

    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Size = "Small" };
}

public sealed record Fact(string Title, string Value);

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
}

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyName("type")]
    public string Type => "Column";

    public string? Width { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;

/// <summary>Inputs carry a label and an error message, which Teams uses for required-field validation.</summary>
public abstract record CardInput : CardElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public sealed record TextInput : CardInput
{
    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public string? Value { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed record ChoiceSetInput(IReadOnlyList<Choice> Choices) : CardInput
{
    /// <summary>compact (a drop-down) or expanded (radio buttons).</summary>
    public string? Style { get; init; }

    public bool? IsMultiSelect { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>A Teams people picker: <c>{"type":"Data.Query","dataset":"graph.microsoft.com/users"}</c>.</summary>
    [JsonPropertyName("choices.data")]
    public DataQuery? ChoicesData { get; init; }
}

public sealed record DataQuery(string Dataset)
{
    [JsonPropertyName("type")]
    public string Type => "Data.Query";
}

public sealed record ToggleInput(string Title) : CardInput
{
    public string? Value { get; init; }

    public string ValueOn { get; init; } = "true";

    public string ValueOff { get; init; } = "false";
}

public sealed record DateInput : CardInput
{
    public string? Value { get; init; }
}

public sealed record NumberInput : CardInput
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Value { get; init; }
}

public sealed record TableColumn(int Width = 1);

public sealed record TableCell(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyName("type")]
    public string Type => "TableCell";
}

public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    [JsonPropertyName("type")]
    public string Type => "TableRow";
}

public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : CardElement
{
    public bool FirstRowAsHeader { get; init; } = true;
}
